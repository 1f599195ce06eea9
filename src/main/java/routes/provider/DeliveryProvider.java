package routes.provider;

import java.util.concurrent.CompletableFuture;
import routes.delivery.Delivery;

/**
 * Sends deliveries through one provider without waiting for its answers: a worker starts a whole
 * batch's sends before it awaits any (routes.delivery.DeliveryAttempts). Each provider is a bean
 * named {@code <provider>Provider}: APNs and FCM through their asynchronous clients, email and SMS
 * through their routes (routes/providers.yaml).
 */
public interface DeliveryProvider {

    /** apns, fcm, sms or email: the worker's provider parameter. */
    String name();

    /**
     * Completes with the provider's receipt once it accepted the message, or fails with a
     * {@link TransientFailure} (not now), a {@link PermanentFailure} (never) or a
     * {@link java.util.concurrent.TimeoutException} (no answer in time). Does not block.
     */
    CompletableFuture<ProviderReceipt> send(Delivery delivery);

    /**
     * The resilience4j circuit breaker asked before each send, or null when the provider's route
     * guards itself (SMS: its breaker guards the primary provider only, so the secondary can take over).
     */
    default String breaker() {
        return name() + "-breaker";
    }
}
