package routes.provider;

import routes.delivery.Delivery;

/**
 * Sends one delivery through one provider. The worker route of each push and email provider calls
 * the bean named {@code <provider>Provider}: a sandbox recorder in the embedded default, a real
 * client elsewhere. SMS is called step by step from its route instead (routes.provider.sms).
 */
public interface DeliveryProvider {

    /** Returns once the provider accepted the message; throws when it did not. */
    ProviderReceipt send(Delivery delivery) throws Exception;
}
