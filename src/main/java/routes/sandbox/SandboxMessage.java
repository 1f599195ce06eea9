package routes.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * What a sandbox provider received, as the real provider would have been asked to send it;
 * {@code headers} holds the protocol headers where the channel has them (apns-*), and for SMS the
 * provider that took it with what it was asked (SENS type and subject) and the id it answered.
 */
public record SandboxMessage(String deliveryId, String notificationId, String channel, String provider, String to,
        String title, String body, Map<String, String> data, String priority, Instant receivedAt,
        Map<String, String> headers) {}
