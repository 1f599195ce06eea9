package routes.sandbox;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import routes.delivery.Provider;
import routes.provider.DeliveryProvider;
import routes.provider.apns.ApnsEventLoops;
import routes.provider.apns.ApnsSettings;

/**
 * The embedded default delivers to local peers: APNs through the real client to an in-process
 * APNs server, email through camel-mail to an in-process SMTP server, the other channels to
 * in-memory recorders (until their real clients land).
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

    @Bean
    DeliveryProvider smsProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.SMS, outbox);
    }

    /**
     * GreenMail on a free port, published as {@code notify.providers.email.port} before the
     * routes resolve their SMTP endpoint.
     */
    @Bean(destroyMethod = "stop")
    SandboxMailServer sandboxMailServer(ConfigurableEnvironment environment) {
        var server = new SandboxMailServer();
        server.start();
        environment.getPropertySources().addFirst(new MapPropertySource("sandbox-smtp",
                Map.of("notify.providers.email.port", server.port())));
        return server;
    }
}
