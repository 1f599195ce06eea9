package routes.sandbox;

import java.time.Instant;
import java.util.UUID;
import routes.delivery.Delivery;
import routes.delivery.Provider;
import routes.provider.DeliveryProvider;
import routes.provider.ProviderReceipt;

/** Stands in for a real provider in the embedded default: accepts everything and records it. */
public class SandboxProvider implements DeliveryProvider {

    private final Provider provider;
    private final SandboxOutbox outbox;

    public SandboxProvider(Provider provider, SandboxOutbox outbox) {
        this.provider = provider;
        this.outbox = outbox;
    }

    @Override
    public ProviderReceipt send(Delivery delivery) {
        String messageId = "sandbox-" + provider.wire() + "-" + UUID.randomUUID();
        outbox.record(new SandboxMessage(delivery.deliveryId(), delivery.notificationId(), delivery.channel().wire(),
                provider.wire(), delivery.recipient(), delivery.title(), delivery.body(), delivery.data(),
                delivery.priority().wire(), Instant.now(), null));
        return new ProviderReceipt(messageId);
    }
}
