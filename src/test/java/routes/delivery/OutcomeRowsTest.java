package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static routes.delivery.DeliveryLog.CURRENT;
import static routes.delivery.DeliveryLog.current;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;

/**
 * How the workers' outcomes are written (delivery_outcome, one row per delivery) and read back as a
 * delivery's current state, on an in-memory H2 database in the hub's mode with the hub's migrations.
 */
class OutcomeRowsTest {

    private final InMemoryDeliveryLog h2 = new InMemoryDeliveryLog();
    private final JdbcDataSource dataSource = h2.dataSource;
    private final JdbcClient db = h2.db;
    private final DeliveryLog log = h2.log;

    OutcomeRowsTest() throws SQLException {
    }

    private void migrate(String target) {
        h2.migrate(target);
    }

    private Delivery recordedAtFanOut() {
        AcceptedNotification notification = new AcceptedNotification(UUID.randomUUID().toString(), "evt-1",
                List.of("u-1"), null, java.util.EnumSet.of(Channel.EMAIL), "hi", "body", Map.of(), Priority.HIGH, null,
                null, false, null, Instant.now(), null);
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), notification.notificationId(), "u-1",
                Channel.EMAIL, Provider.EMAIL, null, "a@example.com", null, "hi", "body", Map.of(), Priority.HIGH, null,
                false, notification.acceptedAt(), null, DeliveryStatus.QUEUED, null, 1, 1, null, List.of(), null, null, null);
        assertThat(log.recordFanOut(List.of(notification), List.of(delivery)).recordedBefore()).isEmpty();
        return delivery;
    }

    private static Outcome outcome(Delivery delivery, DeliveryStatus status, String reason, int attempted,
            String lastError, String providerMessageId) {
        return new Outcome(delivery.deliveryId(), status, reason, attempted, lastError, providerMessageId, null);
    }

    private Map<String, Object> currentState(String deliveryId) {
        return db.sql("select " + current("status") + " as status, " + current("reason") + " as reason, "
                        + current("attempts") + " as attempts, " + current("last_error") + " as last_error, "
                        + current("provider_message_id") + " as provider_message_id from " + CURRENT
                        + " where d.delivery_id = ?")
                .param(deliveryId).query().singleRow();
    }

    private Map<String, Object> deliveryRow(String deliveryId) {
        return db.sql("select status, reason, attempts, last_error, provider_message_id from delivery "
                        + "where delivery_id = ?")
                .param(deliveryId).query().singleRow();
    }

    @Test
    void aDeliveryWithoutAnOutcomeReadsAsFanOutRecordedIt() {
        migrate("latest");
        Delivery delivery = recordedAtFanOut();

        assertThat(currentState(delivery.deliveryId())).containsEntry("status", "QUEUED").containsEntry("attempts", 0);
    }

    @Test
    void theFirstOutcomeIsItsRowAndTheNextAddItsAttemptsKeepingTheLastErrorWhileTheDeliveryRowStaysAsFanOutWroteIt() {
        migrate("latest");
        Delivery delivery = recordedAtFanOut();

        log.recordOutcomes(List.of(outcome(delivery, DeliveryStatus.RETRYING, "HTTP_503", 1, "503 from SMTP", null)));
        assertThat(currentState(delivery.deliveryId())).containsEntry("status", "RETRYING")
                .containsEntry("reason", "HTTP_503").containsEntry("attempts", 1)
                .containsEntry("last_error", "503 from SMTP");

        log.recordOutcomes(List.of(outcome(delivery, DeliveryStatus.SENT, null, 1, null, "msg-1")));
        assertThat(currentState(delivery.deliveryId())).containsEntry("status", "SENT").containsEntry("reason", null)
                .containsEntry("attempts", 2).containsEntry("last_error", "503 from SMTP")
                .containsEntry("provider_message_id", "msg-1");
        assertThat(deliveryRow(delivery.deliveryId())).containsEntry("status", "QUEUED").containsEntry("attempts", 0)
                .containsEntry("last_error", null).containsEntry("provider_message_id", null);
    }

    @Test
    void aDeliveryReadTwiceInOneBatchKeepsItsLastOutcome() {
        migrate("latest");
        Delivery delivery = recordedAtFanOut();

        log.recordOutcomes(List.of(outcome(delivery, DeliveryStatus.RETRYING, "HTTP_503", 1, "503", null),
                outcome(delivery, DeliveryStatus.SENT, null, 1, null, "msg-1")));

        assertThat(currentState(delivery.deliveryId())).containsEntry("status", "SENT").containsEntry("attempts", 1)
                .containsEntry("last_error", null);
    }

    @Test
    void aFirstOutcomeInsertedMeanwhileByAnotherTransactionIsUpdatedInstead() throws Exception {
        migrate("latest");
        Delivery delivery = recordedAtFanOut();
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            log.recordOutcomes(List.of(outcome(delivery, DeliveryStatus.SENT, null, 1, null, "msg-1")));
            recorded.complete(null);
        });
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into delivery_outcome (delivery_id, status, "
                    + "attempts, last_error, updated_at) values (?, 'RETRYING', 1, 'first worker', ?)")) {
                insert.setString(1, delivery.deliveryId());
                insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
            }
            worker.start();
            // the worker's statement waits for the row this transaction inserted
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> db.sql(
                    "select count(*) from information_schema.sessions where executing_statement like 'merge%'")
                    .query(Integer.class).single() > 0);
            other.commit();
        }
        recorded.get(10, TimeUnit.SECONDS);

        assertThat(currentState(delivery.deliveryId())).containsEntry("status", "SENT").containsEntry("attempts", 2)
                .containsEntry("last_error", "first worker");
    }

    @Test
    void anUpgradeGivesOutcomeRowsToTheDeliveriesAWorkerMayStillWriteToAndLeavesTheRestAsTheyRead() {
        migrate("9");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object[]> rows = Map.of(
                "queued", new Object[] {"QUEUED", null, 0, null},
                "skipped", new Object[] {"SKIPPED", "OPTED_OUT", 0, null},
                "sent", new Object[] {"SENT", null, 2, "timeout"},
                "failed", new Object[] {"FAILED", "SMTP_550", 1, "mailbox unavailable"},
                "retrying", new Object[] {"RETRYING", "HTTP_503", 3, "503"},
                "dead", new Object[] {"DEAD_LETTERED", "HTTP_503", 8, "503"},
                "expired", new Object[] {"EXPIRED", "TTL_PASSED", 2, "503"},
                "replayed", new Object[] {"QUEUED", null, 8, "503"});
        rows.forEach((id, row) -> db.sql("insert into delivery (delivery_id, notification_id, user_id, channel, "
                        + "status, reason, attempts, last_error, created_at, updated_at) "
                        + "values (?, 'n-1', 'u-1', 'email', ?, ?, ?, ?, ?, ?)")
                .params(id, row[0], row[1], row[2], row[3], now, now).update());

        migrate("latest");

        assertThat(db.sql("select delivery_id from delivery_outcome").query(String.class).list())
                .containsExactlyInAnyOrder("retrying", "dead", "expired", "replayed");
        rows.forEach((id, row) -> assertThat(currentState(id)).as(id).containsEntry("status", row[0])
                .containsEntry("reason", row[1]).containsEntry("attempts", row[2]).containsEntry("last_error", row[3]));
    }
}
