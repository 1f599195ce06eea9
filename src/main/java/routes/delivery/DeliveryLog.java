package routes.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;

/**
 * The delivery log's statements, prepared for the camel-jdbc endpoint that runs them: SQL in the
 * body, named parameters in {@code CamelJdbcParameters}. Workers first turn each send into an
 * {@link Outcome}, then record a batch's outcomes in a few statements.
 */
@Component("deliveryLog")
public class DeliveryLog {

    private static final String TTL_PASSED = "TTL_PASSED";

    // Fan-out may run twice for one notification after a crash; rows already there are skipped.
    // (Portable SQL for H2 and PostgreSQL: H2 has no ON CONFLICT.)
    private static final String INSERT = """
            insert into delivery (delivery_id, notification_id, user_id, channel, provider, recipient, status, reason,
                                  attempts, created_at, updated_at)
            select v.delivery_id, v.notification_id, v.user_id, v.channel, v.provider, v.recipient, v.status, v.reason,
                   0, :?now, :?now
            from (values %s) as v (delivery_id, notification_id, user_id, channel, provider, recipient, status, reason)
            where not exists (select 1 from delivery d where d.delivery_id = v.delivery_id)""";

    private static final String ROW = "(:?id%1$d, :?notification%1$d, :?user%1$d, :?channel%1$d, :?provider%1$d, "
            + ":?recipient%1$d, :?status%1$d, :?reason%1$d)";

    /**
     * Rows per statement. Each statement commits on its own, and H2 writes out the pages a commit
     * touched: 1,000 rows a statement logs 25 % more deliveries per second than 200 did
     * (bench/delivery-log-ceiling). At 8 parameters a row it stays far below PostgreSQL's 65,535.
     */
    private static final int ROWS_PER_STATEMENT = 1000;

    // One statement records the outcomes of many deliveries (MERGE: standard SQL, H2 and PostgreSQL 15+).
    private static final String OUTCOMES = """
            merge into delivery d
            using (values %s) as v (delivery_id, status, reason, attempted, last_error, provider_message_id)
            on d.delivery_id = v.delivery_id
            when matched then update set status = v.status, reason = v.reason, attempts = d.attempts + v.attempted,
                                         last_error = coalesce(v.last_error, d.last_error), provider_message_id = v.provider_message_id,
                                         updated_at = :?now""";

    // PostgreSQL types a VALUES column of parameters as text: attempted is added to an integer.
    private static final String OUTCOME_ROW =
            "(:?id%1$d, :?status%1$d, :?reason%1$d, cast(:?attempted%1$d as integer), :?error%1$d, :?messageId%1$d)";

    /**
     * The inserts that log a batch of deliveries, skipped ones included: one statement per
     * {@value #ROWS_PER_STATEMENT} rows, each a message for the camel-jdbc endpoint.
     */
    public List<Message> inserts(@Body List<Delivery> deliveries, CamelContext camel) {
        return statements(camel, INSERT, ROW, deliveries, (delivery, row, parameters) -> {
            parameters.put("id" + row, delivery.deliveryId());
            parameters.put("notification" + row, delivery.notificationId());
            parameters.put("user" + row, delivery.userId());
            parameters.put("channel" + row, delivery.channel().wire());
            parameters.put("provider" + row, delivery.provider() == null ? null : delivery.provider().wire());
            parameters.put("recipient" + row, delivery.recipient());
            parameters.put("status" + row, delivery.status().name());
            parameters.put("reason" + row, delivery.reason());
        });
    }

    public Outcome sent(@ExchangeProperty("delivery") Delivery delivery, @Body ProviderReceipt receipt) {
        return new Outcome(delivery.deliveryId(), DeliveryStatus.SENT, null, 1, null, receipt.providerMessageId(), null);
    }

    /** Its TTL passed before it could be sent: not sent, parked with the dead letters. */
    public Outcome expired(@ExchangeProperty("delivery") Delivery delivery) {
        return new Outcome(delivery.deliveryId(), DeliveryStatus.EXPIRED, TTL_PASSED, 0, null, null,
                delivery.deadLettered(DeliveryStatus.EXPIRED, TTL_PASSED));
    }

    /** The provider refused for good (its reason is kept), or the worker itself failed. */
    public Outcome failed(@ExchangeProperty("delivery") Delivery delivery,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        String reason = cause instanceof PermanentFailure refusal ? refusal.reason() : "WORKER_ERROR";
        return Outcome.attempted(delivery, DeliveryStatus.FAILED, reason, cause, null);
    }

    /**
     * The statements that record a batch's outcomes, {@value #ROWS_PER_STATEMENT} per statement, each
     * a message for the camel-jdbc endpoint. A delivery read twice in one batch keeps its last outcome.
     */
    public List<Message> outcomes(@Body List<Outcome> outcomes, CamelContext camel) {
        Map<String, Outcome> latest = new LinkedHashMap<>();
        outcomes.forEach(outcome -> latest.put(outcome.deliveryId(), outcome));
        return statements(camel, OUTCOMES, OUTCOME_ROW, new ArrayList<>(latest.values()), (outcome, row, parameters) -> {
            parameters.put("id" + row, outcome.deliveryId());
            parameters.put("status" + row, outcome.status().name());
            parameters.put("reason" + row, outcome.reason());
            parameters.put("attempted" + row, outcome.attempted());
            parameters.put("error" + row, outcome.lastError());
            parameters.put("messageId" + row, outcome.providerMessageId());
        });
    }

    /** How one item fills the named parameters of its row (numbered {@code row} in the statement). */
    private interface RowParameters<T> {
        void put(T item, int row, Map<String, Object> parameters);
    }

    /** Multi-row statements for the items, {@value #ROWS_PER_STATEMENT} rows each. */
    private static <T> List<Message> statements(CamelContext camel, String sql, String rowTemplate, List<T> items,
            RowParameters<T> rowParameters) {
        List<Message> statements = new ArrayList<>();
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = items.subList(from, Math.min(from + ROWS_PER_STATEMENT, items.size()));
            Map<String, Object> parameters = now();
            StringJoiner values = new StringJoiner(", ");
            for (int row = 0; row < chunk.size(); row++) {
                values.add(rowTemplate.formatted(row));
                rowParameters.put(chunk.get(row), row, parameters);
            }
            statements.add(statement(camel, sql.formatted(values), parameters));
        }
        return statements;
    }

    private static Map<String, Object> now() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("now", OffsetDateTime.now(ZoneOffset.UTC));
        return parameters;
    }

    private static Message statement(CamelContext camel, String sql, Map<String, Object> parameters) {
        Message statement = new DefaultMessage(camel);
        statement.setBody(sql);
        statement.setHeader(JdbcConstants.JDBC_PARAMETERS, parameters);
        return statement;
    }
}
