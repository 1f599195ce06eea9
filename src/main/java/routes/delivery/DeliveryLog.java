package routes.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import routes.dedup.ConfirmedClaims;
import routes.notification.AcceptedNotification;
import routes.template.TemplateUse;

/**
 * The notification table and the delivery log, written in bulk. Fan-out records a batch of
 * notifications with all their deliveries in one transaction of plain multi-row inserts; workers
 * turn each send into an {@link Outcome} and record a batch's outcomes in one statement per
 * {@value #ROWS_PER_STATEMENT}, into {@code delivery_outcome}: a delivery row is written once, by
 * fan-out, and a delivery's current state is its outcome row if it has one, else its delivery row.
 *
 * <p>A notification can reach fan-out more than once (a client's retry after its acceptor died, a
 * fan-out re-reading its batch after a crash). The notification's primary key tells: the steady
 * state's insert succeeds and nothing is read; when it fails, the batch is recorded again
 * carefully, and the notifications that were there already are named so that their deliveries
 * travel on marked for a check against this log.
 */
@Component("deliveryLog")
public class DeliveryLog implements ConfirmedClaims {

    /**
     * The delivery log as its readers see it: each delivery ({@code d}) with its outcome ({@code o})
     * if a worker recorded one. Read a delivery's state through {@link #current}.
     */
    public static final String CURRENT = "delivery d left join delivery_outcome o on o.delivery_id = d.delivery_id";

    // H2: ranges of the primary key (the embedded default has no index on notification_id: every
    // delivery fan-out logged paid for one), the time-ordered ids' and those from before them.
    private static final String OF_NOTIFICATION_BY_ID_RANGES = "d.delivery_id in (select delivery_id from delivery "
            + "where delivery_id between ? and ? union all select delivery_id from delivery where delivery_id "
            + "between ? and ?) and d.notification_id = ?";

    // PostgreSQL: its index on notification_id, in the day partitions from the notification's own
    // (a day earlier, for an instance whose clock is behind the one that accepted it) on: an id
    // range would be looked for in every partition, and planned for each.
    private static final String OF_NOTIFICATION_FROM_ITS_DAY = "d.notification_id = ? and d.created_at >= ?";

    /** A condition on {@link #CURRENT} and the parameters it binds. */
    public record Where(String condition, List<Object> parameters) {}

    /** The deliveries in {@link #CURRENT} of the notification recorded at {@code createdAt}. */
    public Where deliveriesOf(String notificationId, Instant createdAt) {
        if (postgres) {
            return new Where(OF_NOTIFICATION_FROM_ITS_DAY,
                    List.of(notificationId, utc(createdAt.minus(Duration.ofDays(1)))));
        }
        List<Object> parameters = new ArrayList<>(Delivery.idRangesOf(notificationId, createdAt));
        parameters.add(notificationId);
        return new Where(OF_NOTIFICATION_BY_ID_RANGES, parameters);
    }

    /**
     * Rows per statement: fewer, larger statements write the log faster (bench/delivery-log-ceiling),
     * and at 16 parameters a row this stays far below PostgreSQL's 65,535.
     */
    private static final int ROWS_PER_STATEMENT = 1000;

    private static final String NOTIFICATION_COLUMNS = "notification_id, event_id, user_ids, category, channels, "
            + "title, body, data, priority, ttl_seconds, collapse_key, background, created_at, template_id, "
            + "template_version, params, send_at";

    private static final String DELIVERY_COLUMNS = "delivery_id, notification_id, user_id, channel, provider, "
            + "recipient, status, reason, not_before, attempts, created_at, updated_at, locale, last_error";

    // Only on the careful path, where a delivery may be there already. Portable: H2 has no ON
    // CONFLICT, and PostgreSQL's partitioned log could not enforce a delivery_id key alone.
    private static final String DELIVERIES_IF_ABSENT = """
            insert into delivery (%s)
            select v.delivery_id, v.notification_id, v.user_id, v.channel, v.provider, v.recipient, v.status, v.reason,
                   v.not_before, 0, v.created_at, v.created_at, v.locale, v.last_error
            from (values %%s) as v (delivery_id, notification_id, user_id, channel, provider, recipient, status,
                                    reason, not_before, created_at, locale, last_error)
            where not exists (select 1 from delivery d where d.delivery_id = v.delivery_id)"""
            .formatted(DELIVERY_COLUMNS);

    // The first outcome of a delivery inserts its row, the next ones update it; the delivery row is
    // not touched (a narrow row and one index instead of the wide row and all of delivery's indexes,
    // and on PostgreSQL no look into every day's partition for the delivery_id). PostgreSQL types a
    // VALUES column of parameters as text: attempted is cast to be added to an integer.
    private static final String OUTCOME_COLUMNS =
            "delivery_id, status, reason, attempts, last_error, provider_message_id, next_attempt_at, updated_at";
    private static final String OUTCOME_VALUES =
            "v (delivery_id, status, reason, attempted, last_error, provider_message_id, next_attempt_at)";

    // H2: standard MERGE, which finds each delivery's row through the primary key.
    private static final String OUTCOMES_MERGE = """
            merge into delivery_outcome o
            using (values %%s) as %s
            on o.delivery_id = v.delivery_id
            when matched then update set status = v.status, reason = v.reason, attempts = o.attempts + v.attempted,
                                         last_error = coalesce(v.last_error, o.last_error),
                                         provider_message_id = v.provider_message_id,
                                         next_attempt_at = v.next_attempt_at, updated_at = ?
            when not matched then insert (%s)
                 values (v.delivery_id, v.status, v.reason, v.attempted, v.last_error, v.provider_message_id,
                         v.next_attempt_at, ?)"""
            .formatted(OUTCOME_VALUES, OUTCOME_COLUMNS);

    // PostgreSQL plans the same MERGE as a join, and on a table that grew since its last ANALYZE
    // chose to scan all of delivery_outcome for every batch: ON CONFLICT goes through the primary
    // key row by row, however large the table.
    private static final String OUTCOMES_UPSERT = """
            insert into delivery_outcome as o (%s)
            select v.delivery_id, v.status, v.reason, v.attempted, v.last_error, v.provider_message_id,
                   v.next_attempt_at, t.now
            from (values %%s) as %s cross join (select cast(? as timestamptz) as now) t
            on conflict (delivery_id) do update set status = excluded.status, reason = excluded.reason,
                attempts = o.attempts + excluded.attempts, last_error = coalesce(excluded.last_error, o.last_error),
                provider_message_id = excluded.provider_message_id, next_attempt_at = excluded.next_attempt_at,
                updated_at = excluded.updated_at"""
            .formatted(OUTCOME_COLUMNS, OUTCOME_VALUES);

    private final JdbcClient db;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final boolean postgres;

    public DeliveryLog(JdbcClient db, TransactionTemplate transaction, ObjectMapper json, DataSource dataSource)
            throws SQLException {
        this.db = db;
        this.transaction = transaction;
        this.json = json;
        this.postgres = onPostgres(dataSource);
    }

    /**
     * Whether the log is on PostgreSQL (partitioned by day, outcomes upserted) rather than H2: the
     * delivery log's statements and its retention differ between the two.
     */
    public static boolean onPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        }
    }

    /**
     * Records the batch's notifications and every delivery they imply, skipped ones included, and
     * answers the deliveries as logged with the notifications recorded before this batch (none in
     * the steady state).
     */
    public LoggedFanOut recordFanOut(@ExchangeProperty("notifications") List<AcceptedNotification> notifications,
            @Body List<Delivery> deliveries) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            transaction.executeWithoutResult(status -> {
                insertNotifications(notifications);
                execute("insert into delivery (" + DELIVERY_COLUMNS + ") values %s",
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", deliveries, delivery -> deliveryRow(delivery, now, now));
            });
            return new LoggedFanOut(deliveries, Set.of());
        } catch (DuplicateKeyException alreadyRecorded) {
            return transaction.execute(status -> recordCarefully(notifications, deliveries, now));
        }
    }

    private LoggedFanOut recordCarefully(List<AcceptedNotification> notifications, List<Delivery> deliveries,
            OffsetDateTime now) {
        Map<String, Instant> recordedAt = new HashMap<>();
        db.sql("select notification_id, created_at from notification where notification_id in (:ids)")
                .param("ids", notifications.stream().map(AcceptedNotification::notificationId).toList())
                .query((RowCallbackHandler) rs ->
                        recordedAt.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
        insertNotifications(notifications.stream()
                .filter(notification -> !recordedAt.containsKey(notification.notificationId()))
                .toList());
        List<Delivery> logged = idsLoggedBefore(deliveries, recordedAt);
        execute(DELIVERIES_IF_ABSENT, "(?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp with time zone), "
                + "cast(? as timestamp with time zone), ?, ?)", logged,
                delivery -> deliveryRow(delivery, now));
        return new LoggedFanOut(logged, recordedAt.keySet());
    }

    /**
     * The deliveries of notifications recorded before, each under the id their earlier fan-out gave
     * it: this record's (the same record read again), its notification's recorded moment's (a
     * client's retry, accepted later), or the id from before ids were time-ordered. One not logged
     * yet takes the recorded moment's, in the range readers look in.
     */
    private List<Delivery> idsLoggedBefore(List<Delivery> deliveries, Map<String, Instant> recordedAt) {
        List<List<String>> candidates = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            Instant recorded = recordedAt.get(delivery.notificationId());
            candidates.add(recorded == null ? List.of() : delivery.idsItMayHaveBeenLoggedUnder(recorded));
        }
        List<String> ids = candidates.stream().flatMap(List::stream).toList();
        Set<String> existing = new HashSet<>();
        for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
            existing.addAll(db.sql("select delivery_id from delivery where delivery_id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(from + ROWS_PER_STATEMENT, ids.size())))
                    .query(String.class)
                    .list());
        }
        List<Delivery> logged = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            List<String> mayBe = candidates.get(i);
            if (mayBe.isEmpty()) {
                logged.add(delivery);
                continue;
            }
            String id = mayBe.stream().filter(existing::contains).findFirst().orElse(mayBe.get(1));
            logged.add(id.equals(delivery.deliveryId()) ? delivery : delivery.loggedAs(id));
        }
        return logged;
    }

    private void insertNotifications(List<AcceptedNotification> notifications) {
        execute("insert into notification (" + NOTIFICATION_COLUMNS + ") values %s",
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", notifications, this::notificationRow);
    }

    private List<Object> notificationRow(AcceptedNotification notification) {
        TemplateUse template = notification.template();
        return listOf(notification.notificationId(), notification.eventId(), toJson(notification.userIds()),
                notification.category(), toJson(notification.channels()), notification.title(), notification.body(),
                toJson(notification.data()), notification.priority().wire(), notification.ttlSeconds(),
                notification.collapseKey(), notification.background(), utc(notification.acceptedAt()),
                template == null ? null : template.id(), template == null ? null : template.version(),
                template == null ? null : toJson(template.params()),
                notification.sendAt() == null ? null : utc(notification.sendAt()));
    }

    private static List<Object> deliveryRow(Delivery delivery, Object... times) {
        List<Object> row = listOf(delivery.deliveryId(), delivery.notificationId(), delivery.userId(),
                delivery.channel().wire(), delivery.provider() == null ? null : delivery.provider().wire(),
                delivery.recipient(), delivery.status().name(), delivery.reason(),
                delivery.isDeferred() ? utc(delivery.notBefore()) : null);
        row.addAll(Arrays.asList(times));
        row.add(delivery.locale());
        row.add(delivery.lastError());
        return row;
    }

    /**
     * A column of a delivery's current state in {@link #CURRENT} (status, reason, attempts,
     * last_error, provider_message_id, updated_at): its outcome's if it has one (nulls included: a
     * SENT outcome has no reason), else its delivery row's.
     */
    public static String current(String column) {
        return "case when o.delivery_id is null then d." + column + " else o." + column + " end";
    }

    /** The notifications recorded since {@code since}, newest first: the embedded default's dedup memory at startup. */
    @Override
    public void forEachSince(Instant since, long limit, BiConsumer<String, Instant> claim) {
        db.sql("select notification_id, created_at from notification where created_at > ? "
                        + "order by created_at desc limit ?")
                .params(utc(since), limit)
                .query((RowCallbackHandler) rs ->
                        claim.accept(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
    }

    /**
     * Records a batch's outcomes; a delivery read twice in one batch keeps its last outcome. A
     * statement that meets a delivery's first outcome inserted meanwhile by another transaction (two
     * workers on one record, as while a consumer that lost its partition still finishes a batch) was
     * rolled back whole, and runs once more, now updating that row as it would have.
     */
    public void recordOutcomes(@Body List<Outcome> outcomes) {
        Map<String, Outcome> latest = new LinkedHashMap<>();
        outcomes.forEach(outcome -> latest.put(outcome.deliveryId(), outcome));
        List<Outcome> distinct = new ArrayList<>(latest.values());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int from = 0; from < distinct.size(); from += ROWS_PER_STATEMENT) {
            List<Outcome> chunk = distinct.subList(from, Math.min(from + ROWS_PER_STATEMENT, distinct.size()));
            try {
                recordOutcomeRows(chunk, now);
            } catch (DuplicateKeyException insertedMeanwhile) {
                recordOutcomeRows(chunk, now);
            }
        }
    }

    private void recordOutcomeRows(List<Outcome> outcomes, OffsetDateTime now) {
        String rows = "(?, ?, ?, cast(? as integer), ?, ?, cast(? as timestamp with time zone))";
        Function<Outcome, List<Object>> row = outcome -> listOf(outcome.deliveryId(), outcome.status().name(),
                outcome.reason(), outcome.attempted(), outcome.lastError(), outcome.providerMessageId(),
                outcome.nextAttemptAt() == null ? null : utc(outcome.nextAttemptAt()));
        if (postgres) {
            execute(OUTCOMES_UPSERT, rows, outcomes, row, now);
        } else {
            execute(OUTCOMES_MERGE, rows, outcomes, row, now, now);
        }
    }

    /**
     * Runs {@code sql} once per {@value #ROWS_PER_STATEMENT} items: its {@code %s} becomes one
     * {@code rowPlaceholders} per item, filled from {@code row}; {@code trailing} parameters follow the rows.
     */
    private <T> void execute(String sql, String rowPlaceholders, List<T> items, Function<T, List<Object>> row,
            Object... trailing) {
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = items.subList(from, Math.min(from + ROWS_PER_STATEMENT, items.size()));
            List<Object> parameters = new ArrayList<>();
            StringJoiner values = new StringJoiner(", ");
            for (T item : chunk) {
                values.add(rowPlaceholders);
                parameters.addAll(row.apply(item));
            }
            parameters.addAll(Arrays.asList(trailing));
            db.sql(sql.formatted(values)).params(parameters).update();
        }
    }

    private String toJson(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write notification column as JSON", e);
        }
    }

    /** A row's values, nulls included (List.of refuses them), to be added to. */
    private static List<Object> listOf(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
