package routes.provider;

/** A provider's acceptance of a delivery, with the id it gave the message (apns-id, FCM name...). */
public record ProviderReceipt(String providerMessageId) {}
