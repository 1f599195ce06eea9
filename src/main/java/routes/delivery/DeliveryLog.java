package routes.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;

/**
 * The delivery log's statements, prepared for the camel-jdbc endpoint that runs them: each method
 * puts the SQL in the body and its named parameters in {@code CamelJdbcParameters}.
 */
@Component("deliveryLog")
public class DeliveryLog {

    // Fan-out may run twice for one notification after a crash; the second insert is a no-op.
    // (Portable SQL: H2 has no ON CONFLICT, and fan-out never inserts one id concurrently.)
    private static final String INSERT = """
            insert into delivery (delivery_id, notification_id, user_id, channel, provider, recipient, status, reason,
                                  attempts, created_at, updated_at)
            select :?deliveryId, :?notificationId, :?userId, :?channel, :?provider, :?recipient, :?status, :?reason,
                   0, :?now, :?now
            where not exists (select 1 from delivery where delivery_id = :?deliveryId)""";

    private static final String OUTCOME = """
            update delivery set status = :?status, reason = :?reason, attempts = attempts + :?attempted,
                                last_error = :?lastError, provider_message_id = :?providerMessageId, updated_at = :?now
            where delivery_id = :?deliveryId""";

    public void insert(Exchange exchange) {
        Delivery delivery = exchange.getMessage().getBody(Delivery.class);
        Map<String, Object> parameters = parameters(delivery.deliveryId());
        parameters.put("notificationId", delivery.notificationId());
        parameters.put("userId", delivery.userId());
        parameters.put("channel", delivery.channel().wire());
        parameters.put("provider", delivery.provider() == null ? null : delivery.provider().wire());
        parameters.put("recipient", delivery.recipient());
        parameters.put("status", delivery.status().name());
        parameters.put("reason", delivery.reason());
        statement(exchange, INSERT, parameters);
    }

    public void sent(Exchange exchange) {
        ProviderReceipt receipt = exchange.getMessage().getBody(ProviderReceipt.class);
        outcome(exchange, DeliveryStatus.SENT, null, 1, null, receipt.providerMessageId());
    }

    public void expired(Exchange exchange) {
        outcome(exchange, DeliveryStatus.EXPIRED, "TTL_PASSED", 0, null, null);
    }

    /** The provider refused for good (its reason is kept), or the worker itself failed. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause instanceof PermanentFailure refusal ? refusal.reason() : "WORKER_ERROR";
        outcome(exchange, DeliveryStatus.FAILED, truncate(reason, 32), 1, describe(cause), null);
    }

    /** The provider could not take it now: the delivery stays due for another attempt. */
    public void retrying(Exchange exchange) {
        TransientFailure cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TransientFailure.class);
        outcome(exchange, DeliveryStatus.RETRYING, truncate(cause.reason(), 32), 1, describe(cause), null);
    }

    private void outcome(Exchange exchange, DeliveryStatus status, String reason, int attempted, String lastError,
            String providerMessageId) {
        Delivery delivery = exchange.getProperty("delivery", Delivery.class);
        Map<String, Object> parameters = parameters(delivery.deliveryId());
        parameters.put("status", status.name());
        parameters.put("reason", reason);
        parameters.put("attempted", attempted);
        parameters.put("lastError", lastError);
        parameters.put("providerMessageId", providerMessageId);
        statement(exchange, OUTCOME, parameters);
    }

    private static Map<String, Object> parameters(String deliveryId) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("deliveryId", deliveryId);
        parameters.put("now", OffsetDateTime.now(ZoneOffset.UTC));
        return parameters;
    }

    private static void statement(Exchange exchange, String sql, Map<String, Object> parameters) {
        exchange.getMessage().setHeader(JdbcConstants.JDBC_PARAMETERS, parameters);
        exchange.getMessage().setBody(sql);
    }

    private static String describe(Throwable cause) {
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return truncate(error, 1000);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
