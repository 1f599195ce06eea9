package routes.deferral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.Lane;
import routes.delivery.PendingDeliveries;
import routes.delivery.Provider;
import routes.delivery.ProviderBatch;
import routes.notification.Priority;

/**
 * Deliveries held until a moment, in the database: nothing in memory per delivery, and nothing
 * republished while it waits. Fan-out keeps each DEFERRED delivery as the record its provider's
 * topic gets once due; the route release-deferred claims the due ones, publishes them and forgets
 * them, in one transaction.
 */
@Component("deferrals")
public class Deferrals {

    /** The exchange property naming the deliveries a release claimed. */
    public static final String CLAIMED = "claimedDeferrals";

    // portable insert-if-absent: fan-out re-reading its batch after a crash keeps each delivery once
    private static final String KEEP = """
            insert into deferred_delivery (delivery_id, provider, user_id, due_at, record)
            select v.delivery_id, v.provider, v.user_id, v.due_at, v.record
            from (values (?, ?, ?, cast(? as timestamp with time zone), ?)) as v (delivery_id, provider, user_id, due_at,
                                                                                   record)
            where not exists (select 1 from deferred_delivery k where k.delivery_id = v.delivery_id)""";

    private final JdbcTemplate jdbc;
    private final ObjectWriter deliveryWriter;
    private final ObjectReader priorityReader;
    private final Clock clock;
    private final DeferralSettings settings;
    private final DueRows held;

    public Deferrals(JdbcClient db, JdbcTemplate jdbc, ObjectMapper json, Clock clock, DeferralSettings settings) {
        this.held = new DueRows(db, "deferred_delivery", "delivery_id");
        this.jdbc = jdbc;
        this.deliveryWriter = json.writerFor(Delivery.class);
        this.priorityReader = json.readerFor(Kept.class);
        this.clock = clock;
        this.settings = settings;
    }

    /** The deliveries held until their quiet hours end, as rows (their count and delay are metrics). */
    public DueRows held() {
        return held;
    }

    /** Fan-out's step: every DEFERRED delivery kept until its notBefore, as it will be published then. */
    public void keep(@Body List<Delivery> deliveries) throws JsonProcessingException {
        List<Object[]> rows = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.isDeferred()) {
                rows.add(new Object[] {delivery.deliveryId(), delivery.provider().wire(), delivery.userId(),
                        delivery.notBefore().atOffset(ZoneOffset.UTC), deliveryWriter.writeValueAsString(delivery.due())});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(KEEP, rows);
        }
    }

    /**
     * The due deliveries, oldest first, claimed for this transaction (rows another instance claimed
     * are skipped, not waited for), as one batch of records per provider and lane (the kept
     * record's priority says which): keyed by user as fan-out keys them, and marked
     * {@value PendingDeliveries#RECHECK}, since a release that did not commit publishes them again.
     * Their ids are left in {@value #CLAIMED}.
     */
    public List<ProviderBatch> due(Exchange release) {
        ProviderBatch.Grouping records = new ProviderBatch.Grouping();
        List<String> claimed = held.claim(clock.instant(), settings.batch(), "provider, user_id, record", rs -> {
            Message record = new DefaultMessage(release);
            record.setBody(rs.getString(4));
            Lane lane = Lane.of(priorityOf(rs.getString(4)));
            record.setHeader(KafkaConstants.KEY, rs.getString(3));
            record.setHeader(PendingDeliveries.RECHECK, "true");
            records.add(Provider.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), lane, record);
        });
        release.setProperty(CLAIMED, claimed);
        return records.batches();
    }

    private Priority priorityOf(String record) throws SQLException {
        try {
            return priorityReader.readValue(record, Kept.class).priority();
        } catch (IOException unreadable) {
            throw new SQLException("deferred delivery record is not a delivery", unreadable);
        }
    }

    /** The one field of a kept record that picks its lane (Delivery.priority). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Kept(Priority priority) {}

    /** The claimed deliveries are on their providers' topics: forgotten here, as the transaction commits. */
    public void released(@ExchangeProperty(CLAIMED) List<String> claimed) {
        held.forget(claimed);
    }
}
