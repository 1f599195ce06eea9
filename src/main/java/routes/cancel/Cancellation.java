package routes.cancel;

import static routes.delivery.DeliveryLog.CURRENT;
import static routes.delivery.DeliveryLog.current;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import routes.api.ApiProblem;
import routes.client.Caller;
import routes.dedup.LeasedIdempotentRepository;
import routes.delivery.DeliveryLog;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.notification.ValidNotification;

/**
 * Cancels a notification ({@code DELETE /notifications/{id}}) that is not yet wholly sent: a
 * scheduled one leaves the schedule and is never fanned out; the deliveries still queued, held for
 * quiet hours or waiting to be tried again are logged CANCELED, and the held ones leave the
 * deferrals. One transaction with the notification's row in {@code notification_cancel}; once that
 * is committed, this instance reads the canceled notifications again and every other is told, so
 * that none sends what is still on a topic. Only the client that sent a notification may cancel it:
 * its id follows from that client's eventId (ValidNotification.idOf), so another client's key finds
 * no such notification. A repeated cancel succeeds.
 */
@Component("cancellation")
public class Cancellation {

    private static final Logger log = LoggerFactory.getLogger(Cancellation.class);

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final DeliveryLog deliveryLog;
    private final LeasedIdempotentRepository dedup;
    private final CanceledNotifications canceled;
    private final ProducerTemplate camel;

    public Cancellation(JdbcClient db, TransactionTemplate tx, DeliveryLog deliveryLog, LeasedIdempotentRepository dedup,
            CanceledNotifications canceled, ProducerTemplate camel) {
        this.db = db;
        this.tx = tx;
        this.deliveryLog = deliveryLog;
        this.dedup = dedup;
        this.canceled = canceled;
        this.camel = camel;
    }

    public void cancel(@Header("notificationId") String notificationId, Exchange exchange) {
        Caller caller = Caller.of(exchange);
        String eventScope = caller == null ? null : caller.eventScope();
        try {
            tx.executeWithoutResult(status -> cancel(notificationId, eventScope));
        } catch (DuplicateKeyException canceledMeanwhile) {
            // a concurrent cancel of the same notification committed first: this one now finds it canceled
            tx.executeWithoutResult(status -> cancel(notificationId, eventScope));
        }
        canceled.reload();
        announce(notificationId);
    }

    private void cancel(String notificationId, String eventScope) {
        Optional<String> canceledBefore = eventIdIn("notification_cancel", notificationId, "");
        if (canceledBefore.isPresent()) {
            requireOwner(notificationId, canceledBefore.get(), eventScope);
            return;
        }
        // locked: a release that claimed it commits first, and the notification is then found recorded
        Optional<String> scheduled = eventIdIn("scheduled_notification", notificationId, " for update");
        Optional<String> recorded = scheduled.isPresent() ? Optional.empty()
                : eventIdIn("notification", notificationId, "");
        String eventId = scheduled.or(() -> recorded).orElseThrow(() -> unknown(notificationId));
        requireOwner(notificationId, eventId, eventScope);
        if (scheduled.isPresent()) {
            db.sql("delete from scheduled_notification where notification_id = ?").param(notificationId).update();
        } else {
            cancelPendingDeliveries(notificationId);
        }
        db.sql("insert into notification_cancel (notification_id, event_id, canceled_at) values (?, ?, ?)")
                .params(notificationId, eventId, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        log.info("Canceled notification {}{}", notificationId, scheduled.isPresent() ? " before its sendAt" : "");
    }

    /** Its deliveries still on their way logged CANCELED, the held ones released from the deferrals; 409 if none is. */
    private void cancelPendingDeliveries(String notificationId) {
        List<String> pending = new ArrayList<>();
        Instant recordedAt = db.sql("select created_at from notification where notification_id = ?")
                .param(notificationId)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
        DeliveryLog.Where of = deliveryLog.deliveriesOf(notificationId, recordedAt);
        db.sql("select d.delivery_id, " + current("status") + " from " + CURRENT + " where " + of.condition())
                .params(of.parameters())
                .query(rs -> {
                    if (DeliveryStatus.valueOf(rs.getString(2)).isPending()) {
                        pending.add(rs.getString(1));
                    }
                });
        if (pending.isEmpty()) {
            throw new ApiProblem(409, "Already sent",
                    "Notification '" + notificationId + "' has no delivery left to cancel: every one was settled");
        }
        db.sql("delete from deferred_delivery where delivery_id in (:ids)").param("ids", pending).update();
        deliveryLog.recordOutcomes(pending.stream().map(Outcome::canceled).toList());
    }

    private Optional<String> eventIdIn(String table, String notificationId, String lock) {
        return db.sql("select event_id from " + table + " where notification_id = ?" + lock)
                .param(notificationId)
                .query(String.class)
                .optional();
    }

    /** Another client's notification is not found: its key names no notification of its own by that id. */
    private static void requireOwner(String notificationId, String eventId, String eventScope) {
        if (!ValidNotification.idOf(eventScope, eventId).equals(notificationId)) {
            throw ApiProblem.notFound("No notification '" + notificationId + "'");
        }
    }

    /** Accepted but not yet recorded by fan-out (a moment after the 202): not a 404 after a 202. */
    private ApiProblem unknown(String notificationId) {
        if (dedup.isConfirmed(notificationId)) {
            return new ApiProblem(409, "Not yet recorded", "Notification '" + notificationId
                    + "' is being accepted: cancel it again in a moment");
        }
        return ApiProblem.notFound("No notification '" + notificationId + "'");
    }

    private void announce(String notificationId) {
        try {
            camel.sendBody("direct:notification-canceled", notificationId);
        } catch (RuntimeException e) {
            // the cancellation is committed; other instances read it within seconds anyway (route canceled-notifications)
            log.warn("Could not announce the cancellation of notification {} to other instances", notificationId, e);
        }
    }
}
