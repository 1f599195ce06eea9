package routes.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.support.HubTest;

/** The embedded default (H2, no partitions) deletes what is older than notify.retention-days. */
class RowRetentionTest extends HubTest {

    @Autowired
    JdbcClient db;

    @Autowired
    DeliveryRetention retention;

    @Test
    void deliveriesOlderThanRetentionAreDeletedWithTheirOutcomesAndNewerOnesKept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        insert(old, now.minusDays(31));
        insert(recent, now.minusDays(29));

        retention.apply();

        assertThat(db.sql("select delivery_id from delivery where delivery_id in (?, ?)").params(old, recent)
                .query(String.class).list()).containsExactly(recent);
        assertThat(db.sql("select delivery_id from delivery_outcome where delivery_id in (?, ?)").params(old, recent)
                .query(String.class).list()).containsExactly(recent);
    }

    /** Queued at {@code createdAt} by fan-out, sent a minute later by a worker. */
    private void insert(String deliveryId, OffsetDateTime createdAt) {
        db.sql("insert into delivery (delivery_id, notification_id, user_id, channel, status, attempts, created_at, "
                        + "updated_at) values (?, 'retention-test', 'retention-test', 'email', 'QUEUED', 0, ?, ?)")
                .params(deliveryId, createdAt, createdAt)
                .update();
        db.sql("insert into delivery_outcome (delivery_id, status, attempts, updated_at) values (?, 'SENT', 1, ?)")
                .params(deliveryId, createdAt.plusMinutes(1))
                .update();
    }
}
