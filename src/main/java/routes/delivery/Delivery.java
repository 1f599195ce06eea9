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
     * notification (after a crash) logs and sends the same deliveries rather than new ones. It is a
     * UUIDv7: the moment its notification was accepted in milliseconds, then 12 bits of the
     * notification's id, then 62 of the delivery's own. So the log's primary key grows in the order
     * notifications are accepted: a batch of single notifications adds its deliveries (and the
     * workers their outcomes) at the end of the index, on a few pages, rather than one page each
     * (bench/delivery-log-ceiling, single shape); and the deliveries of one notification share their
     * first half, side by side in the index as a bulk notification's thousands need.
     */
    static String idOf(AcceptedNotification notification, String userId, Channel channel, String recipient) {
        return idOf(notification.notificationId(), notification.acceptedAt(), userId, channel, recipient);
    }

    /** This delivery's id had its notification been accepted at {@code acceptedAt}. */
    public String idIfAcceptedAt(Instant acceptedAt) {
        return idOf(notificationId, acceptedAt, userId, channel, recipient);
    }

    /**
     * The ids an earlier fan-out of its notification, recorded at {@code recordedAt}, may have logged
     * this delivery under, in the order to prefer them: its own (the same record read again), the
     * recorded moment's (a client's retry, accepted later), and the one from before ids were
     * time-ordered ({@link #idBeforeTimeOrder}).
     */
    public List<String> idsItMayHaveBeenLoggedUnder(Instant recordedAt) {
        long own = ownHalf(notificationId, userId, channel, recipient);
        return List.of(deliveryId, new UUID(firstHalf(notificationId, recordedAt), own).toString(),
                idBeforeTimeOrder(notificationId, own));
    }

    /** This delivery logged under {@code id}: the one its notification's earlier fan-out gave it. */
    public Delivery loggedAs(String id) {
        return new Delivery(id, notificationId, userId, channel, provider, platform, recipient, category, title, body,
                data, priority, collapseKey, background, acceptedAt, expiresAt, status, reason, attempt, firstAttempt,
                notBefore, history, locale, html, lastError);
    }

    /**
     * The id fan-out gave this delivery before ids were time-ordered: the notification's first half
     * and the delivery's own second half. Deliveries logged then keep it.
     */
    public String idBeforeTimeOrder() {
        return idBeforeTimeOrder(notificationId, ownHalf(notificationId, userId, channel, recipient));
    }

    private static String idBeforeTimeOrder(String notificationId, long ownHalf) {
        return new UUID(UUID.fromString(notificationId).getMostSignificantBits(), ownHalf).toString();
    }

    private static String idOf(String notificationId, Instant acceptedAt, String userId, Channel channel,
            String recipient) {
        return new UUID(firstHalf(notificationId, acceptedAt), ownHalf(notificationId, userId, channel, recipient))
                .toString();
    }

    private static long firstHalf(String notificationId, Instant acceptedAt) {
        long notification = UUID.fromString(notificationId).getMostSignificantBits();
        return acceptedAt.toEpochMilli() << 16 | 0x7000L | notification >>> 52;
    }

    /** The variant bits and 62 bits of a hash of what the delivery delivers, where and to whom. */
    private static long ownHalf(String notificationId, String userId, Channel channel, String recipient) {
        String identity = notificationId + '\n' + userId + '\n' + channel + '\n' + recipient;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits();
    }

    /**
     * The lowest and the highest delivery id a notification accepted at {@code acceptedAt} can give
     * its deliveries ({@link #idOf} keeps the first half), then the same for the ids before they were
     * time-ordered ({@link #idBeforeTimeOrder}): its deliveries lie in one of these ranges of the
     * delivery log's primary key, which finds them without an index on notification_id.
     */
    public static List<String> idRangesOf(String notificationId, Instant acceptedAt) {
        long earlier = UUID.fromString(notificationId).getMostSignificantBits();
        long timeOrdered = firstHalf(notificationId, acceptedAt);
        return List.of(new UUID(timeOrdered, 0L).toString(), new UUID(timeOrdered, -1L).toString(),
                new UUID(earlier, 0L).toString(), new UUID(earlier, -1L).toString());
    }
}
