package routes.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.support.HubTest;

/**
 * The embedded default (H2, no partitions) deletes what is older than its retention: deliveries with
 * their outcomes and events, and notifications, after notify.retention-days; dead letters after
 * notify.dead-letter-retention-days (both 30); audit entries after notify.audit-retention-days (365);
 * the ids of erased users and of canceled notifications after notify.retention-days.
 */
class RowRetentionTest extends HubTest {

    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    @Autowired
    JdbcClient db;

    @Autowired
    DeliveryRetention retention;

    @Autowired
    ContentRetention contentRetention;

    @Test
    void deliveriesOlderThanRetentionAreDeletedWithTheirOutcomesAndEventsAndNewerOnesKept() {
        String old = insertDelivery(now.minusDays(31));
        String recent = insertDelivery(now.minusDays(29));

        retention.apply();

        for (String table : List.of("delivery", "delivery_outcome", "delivery_event")) {
            assertThat(db.sql("select delivery_id from " + table + " where delivery_id in (?, ?)").params(old, recent)
                    .query(String.class).list()).as(table).containsOnly(recent);
        }
    }

    /** A scheduled notification's deliveries, logged once it was due, are kept as long as it is. */
    @Test
    void theDeliveriesOfANotificationAcceptedLongAgoAndSentLatelyAreKept() {
        String sentLately = insertDelivery(now.minusDays(40));
        db.sql("update notification set send_at = ? where notification_id = "
                        + "(select notification_id from delivery where delivery_id = ?)")
                .params(now.minusDays(10), sentLately)
                .update();

        retention.apply();

        assertThat(db.sql("select count(*) from delivery where delivery_id = ?").param(sentLately)
                .query(Integer.class).single()).isOne();
    }

    @Test
    void notificationsDeadLettersAuditEntriesAndErasuresOlderThanTheirRetentionAreDeletedAndNewerOnesKept() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        insertNotification(old, now.minusDays(31));
        insertNotification(recent, now.minusDays(29));
        insertDeadLetter(old, now.minusDays(31));
        insertDeadLetter(recent, now.minusDays(29));
        insertAuditEntry(old, now.minusDays(366));
        insertAuditEntry(recent, now.minusDays(364));
        insertErasure(old, now.minusDays(31));
        insertErasure(recent, now.minusDays(29));

        contentRetention.apply();

        assertThat(db.sql("select notification_id from notification where notification_id in (?, ?)")
                .params(old, recent).query(String.class).list()).containsExactly(recent);
        assertThat(db.sql("select delivery_id from dead_letter where delivery_id in (?, ?)")
                .params(old, recent).query(String.class).list()).containsExactly(recent);
        assertThat(db.sql("select target from audit_entry where target in (?, ?)")
                .params(old, recent).query(String.class).list()).containsExactly(recent);
        assertThat(db.sql("select user_id from user_erasure where user_id in (?, ?)")
                .params(old, recent).query(String.class).list()).containsExactly(recent);
    }

    /**
     * A scheduled notification counts from its sendAt, not from its acceptance a month before; the
     * ids of canceled notifications are kept as long as notifications are.
     */
    @Test
    void aScheduledNotificationIsKeptFromItsSendAtAndCancellationsForTheRetention() {
        String sentLately = UUID.randomUUID().toString();
        String sentLongAgo = UUID.randomUUID().toString();
        insertNotification(sentLately, now.minusDays(40));
        insertNotification(sentLongAgo, now.minusDays(60));
        db.sql("update notification set send_at = ? where notification_id = ?").params(now.minusDays(10), sentLately)
                .update();
        db.sql("update notification set send_at = ? where notification_id = ?").params(now.minusDays(31), sentLongAgo)
                .update();
        String canceledLongAgo = UUID.randomUUID().toString();
        String canceledLately = UUID.randomUUID().toString();
        insertCancellation(canceledLongAgo, now.minusDays(31));
        insertCancellation(canceledLately, now.minusDays(29));

        contentRetention.apply();

        assertThat(db.sql("select notification_id from notification where notification_id in (?, ?)")
                .params(sentLately, sentLongAgo).query(String.class).list()).containsExactly(sentLately);
        assertThat(db.sql("select notification_id from notification_cancel where notification_id in (?, ?)")
                .params(canceledLongAgo, canceledLately).query(String.class).list()).containsExactly(canceledLately);
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedWhole() {
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(UUID.randomUUID().toString());
            insertNotification(old.getLast(), now.minusDays(40 + i));
        }

        new ContentRetention(db, new RetentionSettings(30, 30, 365, 2)).apply();

        assertThat(db.sql("select count(*) from notification where created_at < ?").param(now.minusDays(30))
                .query(Integer.class).single()).isZero();
    }

    /**
     * Its notification recorded and itself queued at {@code createdAt} by fan-out, sent a minute later
     * by a worker, delivered a minute after; its id begins as fan-out's do, with its notification's.
     */
    private String insertDelivery(OffsetDateTime createdAt) {
        String notificationId = UUID.randomUUID().toString();
        insertNotification(notificationId, createdAt);
        String deliveryId = notificationId.substring(0, 19) + UUID.randomUUID().toString().substring(19);
        db.sql("insert into delivery (delivery_id, notification_id, user_id, channel, status, attempts, created_at, "
                        + "updated_at) values (?, ?, 'retention-test', 'email', 'QUEUED', 0, ?, ?)")
                .params(deliveryId, notificationId, createdAt, createdAt)
                .update();
        db.sql("insert into delivery_outcome (delivery_id, status, attempts, updated_at) values (?, 'SENT', 1, ?)")
                .params(deliveryId, createdAt.plusMinutes(1))
                .update();
        db.sql("insert into delivery_event (delivery_id, type, occurred_at) values (?, 'delivered', ?)")
                .params(deliveryId, createdAt.plusMinutes(2))
                .update();
        return deliveryId;
    }

    private void insertNotification(String notificationId, OffsetDateTime createdAt) {
        db.sql("insert into notification (notification_id, event_id, user_ids, body, priority, created_at) "
                        + "values (?, ?, 'retention-test', 'what the user was told', 'high', ?)")
                .params(notificationId, "retention-" + notificationId, createdAt)
                .update();
    }

    private void insertCancellation(String notificationId, OffsetDateTime canceledAt) {
        db.sql("insert into notification_cancel (notification_id, event_id, canceled_at) values (?, ?, ?)")
                .params(notificationId, "retention-" + notificationId, canceledAt)
                .update();
    }

    private void insertDeadLetter(String deliveryId, OffsetDateTime deadAt) {
        db.sql("insert into dead_letter (delivery_id, notification_id, user_id, channel, provider, status, attempts, "
                        + "history, payload, dead_at) values (?, 'retention-test', 'retention-test', 'email', 'email', "
                        + "'DEAD_LETTERED', 8, '[]', '{\"recipient\":\"someone@example.com\"}', ?)")
                .params(deliveryId, deadAt)
                .update();
    }

    private void insertAuditEntry(String target, OffsetDateTime recordedAt) {
        db.sql("insert into audit_entry (client_id, key_id, action, target, remote_address, recorded_at) "
                        + "values ('configured', 'configured', 'client.created', ?, '127.0.0.1', ?)")
                .params(target, recordedAt)
                .update();
    }

    private void insertErasure(String userId, OffsetDateTime erasedAt) {
        db.sql("insert into user_erasure (user_id, erased_at) values (?, ?)").params(userId, erasedAt).update();
    }
}
