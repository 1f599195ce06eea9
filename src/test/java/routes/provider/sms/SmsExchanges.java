package routes.provider.sms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryStatus;
import routes.delivery.Provider;
import routes.notification.Priority;

/**
 * Exchanges as the SMS steps of routes/providers.yaml hand them to a gateway, on a Camel context
 * that is never started (no routes, no threads): the gateways only read and write the exchange's
 * message.
 */
final class SmsExchanges {

    static final String KOREAN_PHONE = "+821012345678";

    private static final CamelContext CAMEL = new DefaultCamelContext(false);

    private SmsExchanges() {}

    static Delivery sms(String phone, String title, String body) {
        return new Delivery("d-1", "n-1", "u-1", Channel.SMS, Provider.SMS, null, phone, null, title, body, Map.of(),
                Priority.HIGH, null, false, Instant.now(), null, DeliveryStatus.QUEUED, null, 1, 1, null, List.of(), null, null, null);
    }

    static Exchange carrying(Delivery delivery) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty("delivery", delivery);
        return exchange;
    }

    /** The provider's HTTP answer to a send to {@link #KOREAN_PHONE}, as camel-http leaves it. */
    static Exchange answered(int status, String body, String retryAfter) {
        Exchange exchange = carrying(sms(KOREAN_PHONE, null, "hello"));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (retryAfter != null) {
            exchange.getMessage().setHeader("Retry-After", retryAfter);
        }
        exchange.getMessage().setBody(body);
        return exchange;
    }

    /** A call that got no answer, failed with {@code cause}. */
    static Exchange unanswered(Throwable cause) {
        Exchange exchange = carrying(sms(KOREAN_PHONE, null, "hello"));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        exchange.getMessage().setHeader("Authorization", "Basic secret");
        return exchange;
    }
}
