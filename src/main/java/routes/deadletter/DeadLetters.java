package routes.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import routes.api.ApiProblem;
import routes.audit.AuditLog;
import routes.audit.AuditLog.Action;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryLog;
import routes.delivery.DeliveryStatus;
import routes.delivery.Provider;

/**
 * Deliveries the hub gave up on (attempts exhausted, or TTL passed), kept with their payload and
 * history so an operator can list them and send one again. The dead-letter topics carry the same
 * records for whoever consumes them; this table is what the admin API reads.
 */
@Component("deadLetters")
public class DeadLetters {

    /** A dead letter as the admin API lists it. */
    public record DeadLetter(String deliveryId, String notificationId, String userId, String channel, String provider,
            String status, String reason, int attempts, List<Delivery.Attempt> history, Instant deadAt) {}

    public record Listing(int count, List<DeadLetter> deadLetters) {}

    public record Replayed(String deliveryId, String status) {}

    private static final String RECORD = """
            merge into dead_letter d
            using (values (:id, :notification, :user, :channel, :provider, :status, :reason,
                           cast(:attempts as integer), :history, :payload, cast(:now as timestamp with time zone)))
                  as v (delivery_id, notification_id, user_id, channel, provider, status, reason, attempts,
                        history, payload, dead_at)
            on d.delivery_id = v.delivery_id
            when matched then update set status = v.status, reason = v.reason, attempts = v.attempts,
                                         history = v.history, payload = v.payload, dead_at = v.dead_at,
                                         replayed_at = null
            when not matched then insert (delivery_id, notification_id, user_id, channel, provider, status, reason,
                                          attempts, history, payload, dead_at)
                 values (v.delivery_id, v.notification_id, v.user_id, v.channel, v.provider, v.status, v.reason,
                         v.attempts, v.history, v.payload, v.dead_at)""";

    private static final int LIST_LIMIT = 500;
    private static final int NOT_KEPT_YET_RETRY_AFTER_SECONDS = 1;

    private final JdbcClient db;
    private final ObjectMapper json;
    private final AuditLog audit;

    public DeadLetters(JdbcClient db, ObjectMapper json, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    /** Keeps the batch's dead letters (a replayed one that dies again is updated). */
    public void record(@Body List<Delivery> deadLetters) throws JsonProcessingException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Delivery delivery : deadLetters) {
            db.sql(RECORD)
                    .param("id", delivery.deliveryId())
                    .param("notification", delivery.notificationId())
                    .param("user", delivery.userId())
                    .param("channel", delivery.channel().wire())
                    .param("provider", delivery.provider().wire())
                    .param("status", delivery.status().name())
                    .param("reason", delivery.reason())
                    .param("attempts", attemptsMade(delivery))
                    .param("history", json.writeValueAsString(delivery.history()))
                    .param("payload", json.writeValueAsString(delivery))
                    .param("now", now)
                    .update();
        }
    }

    /** The operator webhook's body: what was given up, per delivery, without message content. */
    public Map<String, Object> alert(@Body List<Delivery> deadLetters) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alert", "notify.dead-letters");
        alert.put("count", deadLetters.size());
        alert.put("deadLetters", deadLetters.stream().map(delivery -> Map.of(
                "deliveryId", delivery.deliveryId(),
                "notificationId", delivery.notificationId(),
                "provider", delivery.provider().wire(),
                "status", delivery.status().name(),
                "reason", String.valueOf(delivery.reason()),
                "attempts", attemptsMade(delivery))).toList());
        return alert;
    }

    /** The newest dead letters not replayed yet, of one channel (push, sms, email) or provider, or all. */
    public Listing list(@Header("channel") String channel) {
        String filter = channel == null || channel.isBlank() ? null : channel.trim();
        if (filter != null && !isChannelOrProvider(filter)) {
            throw ApiProblem.invalid("channel", "must be one of push, sms, email, apns, fcm");
        }
        List<DeadLetter> deadLetters = db.sql("""
                select delivery_id, notification_id, user_id, channel, provider, status, reason, attempts, history,
                       dead_at
                from dead_letter
                where replayed_at is null and (cast(:filter as varchar) is null or channel = :filter or provider = :filter)
                order by dead_at desc
                limit %d""".formatted(LIST_LIMIT))
                .param("filter", filter)
                .query((rs, row) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), history(rs.getString(9)),
                        rs.getObject(10, OffsetDateTime.class).toInstant()))
                .list();
        return new Listing(deadLetters.size(), deadLetters);
    }

    /** The dead letter as a fresh attempt, for the replay route to publish to its provider's topic. */
    public Delivery replayable(@Header("deliveryId") String deliveryId) throws JsonProcessingException {
        var row = db.sql("select status, payload from dead_letter where delivery_id = :id and replayed_at is null")
                .param("id", deliveryId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> notWaiting(deliveryId));
        Delivery dead = json.readValue(row.getValue(), Delivery.class);
        if (DeliveryStatus.EXPIRED.name().equals(row.getKey()) || dead.isExpired()) {
            throw new ApiProblem(409, "Expired", "Delivery '" + deliveryId + "' expired at " + dead.expiresAt()
                    + "; the notification's TTL does not allow sending it any more");
        }
        int attemptsMade = db.sql("select " + DeliveryLog.current("attempts") + " from " + DeliveryLog.CURRENT
                        + " where d.delivery_id = :id")
                .param("id", deliveryId).query(Integer.class).optional().orElse(attemptsMade(dead));
        return dead.replayed(attemptsMade);
    }

    /**
     * 404, unless the delivery reads DEAD_LETTERED: its worker logged that outcome, and the
     * dead-letters route keeps it for replay a moment later. Then 409 with Retry-After, never a 404
     * that would read as "nothing to replay".
     */
    private ApiProblem notWaiting(String deliveryId) {
        boolean deadLettered = db.sql("select " + DeliveryLog.current("status") + " from " + DeliveryLog.CURRENT
                        + " where d.delivery_id = :id")
                .param("id", deliveryId).query(String.class).optional()
                .filter(DeliveryStatus.DEAD_LETTERED.name()::equals).isPresent();
        if (deadLettered) {
            return new ApiProblem(409, "Not kept yet", "Delivery '" + deliveryId + "' was dead-lettered a moment ago"
                    + " and is not kept for replay yet; retry shortly", List.of(),
                    Map.of("Retry-After", Integer.toString(NOT_KEPT_YET_RETRY_AFTER_SECONDS)));
        }
        return ApiProblem.notFound("No dead letter '" + deliveryId + "' waiting for replay");
    }

    /**
     * After the publish: the dead letter leaves the listing and the delivery is QUEUED again, its
     * attempts kept, unless the worker was quicker and already logged the new attempt's outcome. A
     * dead letter's state is always an outcome row (a worker wrote it, or the upgrade to outcome rows
     * copied it there: db/migration V10), which the new attempt's outcome then updates. The replay
     * is audited here, with these updates: one whose publish failed is not recorded.
     */
    @Transactional
    public Replayed markReplayed(@Body Delivery delivery, Exchange exchange) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.sql("update dead_letter set replayed_at = :now where delivery_id = :id")
                .param("now", now).param("id", delivery.deliveryId()).update();
        db.sql("""
                update delivery_outcome set status = 'QUEUED', reason = null, updated_at = :now
                where delivery_id = :id and status in ('DEAD_LETTERED', 'EXPIRED')""")
                .param("now", now).param("id", delivery.deliveryId()).update();
        audit.record(exchange, Action.DEAD_LETTER_REPLAYED, delivery.deliveryId());
        return new Replayed(delivery.deliveryId(), DeliveryStatus.QUEUED.name());
    }

    /** An expired delivery was not attempted again: its last attempt number was only due. */
    private static int attemptsMade(Delivery delivery) {
        return delivery.status() == DeliveryStatus.EXPIRED ? delivery.attempt() - 1 : delivery.attempt();
    }

    private List<Delivery.Attempt> history(String text) {
        try {
            return List.of(json.readValue(text, Delivery.Attempt[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dead-letter history", e);
        }
    }

    private static boolean isChannelOrProvider(String name) {
        for (Channel channel : Channel.values()) {
            if (channel.wire().equals(name)) {
                return true;
            }
        }
        for (Provider provider : Provider.values()) {
            if (provider.wire().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
