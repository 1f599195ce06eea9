package routes.sandbox;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import routes.provider.apns.ApnsEventLoops;
import routes.provider.apns.ApnsSettings;
import routes.provider.fcm.FcmClient;
import routes.provider.fcm.FcmSettings;

import routes.provider.sms.SensSettings;
import routes.provider.sms.TwilioSettings;

/**
 * The embedded default delivers to local peers, each through the real client: APNs and FCM to
 * in-process servers, SMS through camel-http to local Twilio and SENS servers, email through
 * camel-mail to an in-process SMTP server.
 */
@Configuration
@Profile("default")
public class SandboxConfig {

    @Bean
    SandboxOutbox sandboxOutbox(SandboxSettings settings) {
        return new SandboxOutbox(settings.keepPerRecipient());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    SandboxApnsServer sandboxApnsServer(ApnsSettings settings, ApnsEventLoops eventLoops, SandboxOutbox outbox,
            ObjectMapper json) throws Exception {
        Set<String> topics = new java.util.HashSet<>();
        for (String topic : new String[] {settings.topic(), settings.macosTopic()}) {
            if (topic != null && !topic.isBlank()) {
                topics.add(topic);
            }
        }
        return new SandboxApnsServer(topics, eventLoops.group(), outbox, json);
    }

    /** The real Pushy client, pointed at the sandbox server and signing with its key. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${notify.providers.apns.signing-key:}' == '' and '${notify.providers.apns.certificate:}' == ''")
    ApnsClient apnsClient(SandboxApnsServer sandbox, ApnsEventLoops eventLoops) throws Exception {
        return new ApnsClientBuilder()
                .setApnsServer("localhost", sandbox.port())
                .setEventLoopGroup(eventLoops.group())
                .setTrustedServerCertificateChain(sandbox.certificate())
                .setSigningKey(sandbox.signingKey())
                .build();
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    SandboxFcmServer sandboxFcmServer(SandboxOutbox outbox, ObjectMapper json) {
        return new SandboxFcmServer(outbox, json);
    }

    /** The real firebase-admin client, holding the sandbox's access token and sending to the sandbox server. */
    @Bean
    @ConditionalOnExpression("'${notify.providers.fcm.service-account:}' == ''")
    FcmClient fcmClient(SandboxFcmServer sandbox, FcmSettings settings) {
        var token = new AccessToken(sandbox.accessToken(), Date.from(Instant.now().plus(Duration.ofDays(3650))));
        return FcmClient.start(FirebaseOptions.builder()
                .setCredentials(GoogleCredentials.create(token))
                .setProjectId(SandboxFcmServer.PROJECT_ID)
                .setHttpTransport(sandbox.transport()), settings.timeout());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    SandboxTwilioServer sandboxTwilio(SandboxOutbox outbox, ObjectMapper json) {
        return new SandboxTwilioServer(outbox, json);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    SandboxSensServer sandboxSens(SandboxOutbox outbox, ObjectMapper json) {
        return new SandboxSensServer(outbox, json);
    }

    /** Twilio, unless an account is configured, is the local server with the credentials it issued. */
    @Bean
    @ConditionalOnExpression("'${notify.providers.sms.twilio.account-sid:}' == ''")
    TwilioSettings sandboxTwilioSettings(SandboxTwilioServer twilio) {
        return twilio.settings();
    }

    /** SENS, unless a key pair is configured, is the local server with the project and keys it issued. */
    @Bean
    @ConditionalOnExpression("'${notify.providers.sms.sens.access-key:}' == ''")
    SensSettings sandboxSensSettings(SandboxSensServer sens) {
        return sens.settings();
    }

    /**
     * GreenMail on a free port, published as {@code notify.providers.email.port} before the
     * routes resolve their SMTP endpoint.
     */
    @Bean(destroyMethod = "stop")
    SandboxMailServer sandboxMailServer(ConfigurableEnvironment environment, SandboxSettings settings) {
        var server = new SandboxMailServer(settings.keepPerRecipient());
        server.start();
        environment.getPropertySources().addFirst(new MapPropertySource("sandbox-smtp",
                Map.of("notify.providers.email.port", server.port())));
        return server;
    }

    /** The operator webhook for dead-letter alerts, published as {@code notify.alerts.webhook-url}. */
    @Bean(destroyMethod = "stop")
    SandboxAlertReceiver sandboxAlertReceiver(SandboxOutbox outbox, ObjectMapper json,
            ConfigurableEnvironment environment) throws java.io.IOException {
        var receiver = new SandboxAlertReceiver(outbox, json);
        receiver.start();
        environment.getPropertySources().addFirst(new MapPropertySource("sandbox-alerts",
                Map.of("notify.alerts.webhook-url", receiver.url())));
        return receiver;
    }
}
