package routes.sandbox;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import routes.delivery.Provider;
import routes.provider.DeliveryProvider;
import routes.provider.apns.ApnsEventLoops;
import routes.provider.apns.ApnsSettings;
import routes.provider.sms.SensSettings;
import routes.provider.sms.TwilioSettings;

/**
 * The embedded default delivers to local peers: APNs through the real client to an in-process
 * APNs server, SMS through the real camel-http calls to local Twilio and SENS servers, the other
 * channels to in-memory recorders (until their real clients land).
 */
@Configuration
@Profile("default")
public class SandboxConfig {

    @Bean
    SandboxOutbox sandboxOutbox(@Value("${notify.sandbox.keep-per-recipient}") int keepPerRecipient) {
        return new SandboxOutbox(keepPerRecipient);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    SandboxApnsServer sandboxApnsServer(ApnsSettings settings, ApnsEventLoops eventLoops, SandboxOutbox outbox,
            ObjectMapper json) throws Exception {
        return new SandboxApnsServer(settings.topic(), eventLoops.group(), outbox, json);
    }

    /** The real Pushy client, pointed at the sandbox server and signing with its key. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${notify.providers.apns.signing-key:}' == '' and '${notify.providers.apns.certificate:}' == ''")
    ApnsClient apnsClient(SandboxApnsServer sandbox, ApnsEventLoops eventLoops) throws Exception {
        try (InputStream certificate = sandbox.certificate()) {
            return new ApnsClientBuilder()
                    .setApnsServer("localhost", sandbox.port())
                    .setEventLoopGroup(eventLoops.group())
                    .setTrustedServerCertificateChain(certificate)
                    .setSigningKey(sandbox.signingKey())
                    .build();
        }
    }

    @Bean
    DeliveryProvider fcmProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.FCM, outbox);
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

    @Bean
    DeliveryProvider emailProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.EMAIL, outbox);
    }
}
