package routes.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;
import routes.template.Rendered;
import routes.user.Platform;
import routes.user.Recipient;

/**
 * One notification for one device, phone or mailbox: the unit that is logged, routed to its
 * provider's topic for its priority (its {@link Lane}) and sent. Skipped deliveries have no provider and never leave fan-out. A
 * notification worded by a template is rendered in fan-out: {@code title} and {@code body} are then
 * the channel's wording in {@code locale} (email: subject and text part), and {@code html} an
 * email's HTML part, if the template has one. {@code lastError} says why fan-out failed a delivery
 * it never sent (wording its channel cannot carry); the workers record theirs as outcomes.
 */
public record Delivery(String deliveryId, String notificationId, String userId, Channel channel, Provider provider,
        Platform platform, String recipient, String category, String title, String body, Map<String, String> data, Priority priority,
        String collapseKey, boolean background, Instant acceptedAt, Instant expiresAt, DeliveryStatus status, String reason,
        int attempt, int firstAttempt, Instant notBefore, List<Attempt> history, String locale, String html,
        String lastError) {

    /** A failed attempt, as the dead letter's history shows it. */
    public record Attempt(int attempt, Instant at, String reason) {}

    /**
     * {@code attempt} numbers this attempt among all made; {@code firstAttempt} is where the current
     * run of attempts began (1, or after an operator's replay the attempt that replay started), so
     * that a replay gets the full number of attempts again.
     */
    public Delivery {
        attempt = Math.max(attempt, 1);
        firstAttempt = Math.max(firstAttempt, 1);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** To a phone or mailbox; {@link #toDevice} for push. */
    static Delivery toRecipient(AcceptedNotification notification, String userId, Provider provider, String recipient) {
        return to(notification, userId, provider, null, recipient);
    }

    static Delivery toDevice(AcceptedNotification notification, String userId, Recipient.Device device) {
        return to(notification, userId, device.platform().provider(), device.platform(), device.token());
    }

    private static Delivery to(AcceptedNotification notification, String userId, Provider provider, Platform platform,
            String recipient) {
        return new Delivery(idOf(notification, userId, provider.channel(), recipient), notification.notificationId(),
                userId, provider.channel(), provider, platform, recipient, notification.category(), notification.title(),
                notification.body(), notification.data(), notification.priority(), notification.collapseKey(),
                notification.background(), notification.acceptedAt(), notification.expiresAt(), DeliveryStatus.QUEUED,
                null, 1, 1, null, null, null, null, null);
    }

    static Delivery noContact(AcceptedNotification notification, String userId, Channel channel) {
        return new Delivery(idOf(notification, userId, channel, null), notification.notificationId(), userId, channel,
                null, null, null, notification.category(), notification.title(), notification.body(), notification.data(),
                notification.priority(), notification.collapseKey(), notification.background(),
                notification.acceptedAt(),
                notification.expiresAt(), DeliveryStatus.SKIPPED,
                SkipReason.NO_CONTACT.name(), 1, 1, null, null, null, null, null);
    }

    public Delivery skipped(SkipReason why) {
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title, body,
                data, priority, collapseKey, background, acceptedAt, expiresAt, DeliveryStatus.SKIPPED, why.name(), attempt,
                firstAttempt, notBefore, history, locale, html, lastError);
    }

    /** This delivery carrying a template's wording, rendered for it. */
    Delivery worded(Rendered wording) {
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category,
                wording.title(), wording.body(), data, priority, collapseKey, background, acceptedAt, expiresAt, status,
                reason, attempt, firstAttempt, notBefore, history, wording.locale(), wording.html(), lastError);
    }

    /** Rendered wording its channel cannot carry: FAILED, never sent, {@code problem} saying why. */
    Delivery unfit(ContentFault fault, String problem) {
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title,
                body, data, priority, collapseKey, background, acceptedAt, expiresAt, DeliveryStatus.FAILED, fault.name(),
                attempt, firstAttempt, notBefore, history, locale, html, problem);
    }

    /** Held until {@code due} (quiet hours): DEFERRED in the log, then published as it is but QUEUED. */
    public Delivery deferredUntil(Instant due) {
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title,
                body, data, priority, collapseKey, background, acceptedAt, expiresAt, DeliveryStatus.DEFERRED, null,
                attempt, firstAttempt, due, history, locale, html, lastError);
    }

    /** A deferred delivery once due: queued for its provider. */
    public Delivery due() {
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title,
                body, data, priority, collapseKey, background, acceptedAt, expiresAt, DeliveryStatus.QUEUED, null,
                attempt, firstAttempt, notBefore, history, locale, html, lastError);
    }

    @JsonIgnore
    public boolean isDeferred() {
        return status == DeliveryStatus.DEFERRED;
    }

    /** The next attempt after this one failed for {@code reason}, due at {@code due}. */
    public Delivery retryAt(Instant due, String reason) {
        List<Attempt> failures = new ArrayList<>(history);
        failures.add(new Attempt(attempt, Instant.now(), reason));
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title,
                body, data, priority, collapseKey, background, acceptedAt, expiresAt, DeliveryStatus.RETRYING, reason,
                attempt + 1, firstAttempt, due, failures, locale, html, lastError);
    }

    /** This delivery given up after this attempt failed for {@code reason}, its history complete. */
    public Delivery deadLettered(DeliveryStatus status, String reason) {
        List<Attempt> failures = new ArrayList<>(history);
        failures.add(new Attempt(attempt, Instant.now(), reason));
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title,
                body, data, priority, collapseKey, background, acceptedAt, expiresAt, status, reason, attempt, firstAttempt,
                null, failures, locale, html, lastError);
    }

    /** Sent again by an operator: a fresh attempt after the {@code attemptsMade} already recorded. */
    public Delivery replayed(int attemptsMade) {
        return new Delivery(deliveryId, notificationId, userId, channel, provider, platform, recipient, category, title,
                body, data, priority, collapseKey, background, acceptedAt, expiresAt, DeliveryStatus.QUEUED, null,
                attemptsMade + 1, attemptsMade + 1, null, history, locale, html, lastError);
    }

    /** How many attempts this run has made, this one included. */
    @JsonIgnore
    public int attemptsThisRun() {
        return attempt - firstAttempt + 1;
    }

    /**
     * What a device collapses repeats by (APNs collapse id, FCM notification tag): the
     * notification's own collapse key, or else this delivery's id. A delivery sent again after a
     * crash (the provider accepted it, the hub died before logging that; no provider takes an
     * idempotency key) then replaces the first on the device instead of showing twice.
     */
    @JsonIgnore
    public String displayedOnceAs() {
        return collapseKey != null ? collapseKey : deliveryId;
    }

    @JsonIgnore
    public Lane lane() {
        return Lane.of(priority);
    }

    /** The topic this delivery waits on: its provider's, in its lane. */
    @JsonIgnore
    public String topic() {
        return lane().topic(provider);
    }

    @JsonIgnore
    public boolean isQueued() {
        return status == DeliveryStatus.QUEUED;
    }

    @JsonIgnore
    public boolean isExpired() {
        return expiresAt != null && Instant.now().isAfter(expiresAt);
    }

    /**
     * Derived from what it delivers, not random, so that fan-out run twice for the same
     * notification (after a crash) logs and sends the same deliveries rather than new ones. Its
     * first half is the notification's, so the deliveries of one notification sit side by side in
     * the delivery log's index: a batch of a thousand of them touches a few index pages, not a
     * thousand (compare with bench/delivery-log-ceiling, bulk shape).
     */
    static String idOf(AcceptedNotification notification, String userId, Channel channel, String recipient) {
        String identity = notification.notificationId() + '\n' + userId + '\n' + channel + '\n' + recipient;
        UUID own = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
        return new UUID(UUID.fromString(notification.notificationId()).getMostSignificantBits(),
                own.getLeastSignificantBits()).toString();
    }

    /**
     * The lowest and the highest delivery id a notification's deliveries can have ({@link #idOf}
     * keeps the notification's first half): its deliveries are one range of the delivery log's
     * primary key, which finds them without an index on notification_id.
     */
    public static List<String> idRangeOf(String notificationId) {
        long notification = UUID.fromString(notificationId).getMostSignificantBits();
        return List.of(new UUID(notification, 0L).toString(), new UUID(notification, -1L).toString());
    }
}
