package routes.sandbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import routes.delivery.Provider;
import routes.provider.DeliveryProvider;

/** The embedded default delivers every channel to in-memory sandbox providers. */
@Configuration
@Profile("default")
public class SandboxConfig {

    @Bean
    SandboxOutbox sandboxOutbox(@Value("${notify.sandbox.keep-per-recipient}") int keepPerRecipient) {
        return new SandboxOutbox(keepPerRecipient);
    }

    @Bean
    DeliveryProvider apnsProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.APNS, outbox);
    }

    @Bean
    DeliveryProvider fcmProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.FCM, outbox);
    }

    @Bean
    DeliveryProvider smsProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.SMS, outbox);
    }

    @Bean
    DeliveryProvider emailProvider(SandboxOutbox outbox) {
        return new SandboxProvider(Provider.EMAIL, outbox);
    }
}
