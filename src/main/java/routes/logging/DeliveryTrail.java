package routes.logging;

import java.util.List;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.DeliveryResult;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.user.Contacts;

/**
 * States each outcome of a worker's batch in the log, failures louder than the rest, with the
 * delivery's ids in the logging context (MDC): notificationId, deliveryId, channel, provider and the
 * recipient masked.
 */
@Component("deliveryTrail")
public class DeliveryTrail {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTrail.class);
    private static final String[] KEYS = {"notificationId", "deliveryId", "channel", "provider", "recipient"};

    public void state(@Body List<DeliveryResult> results) {
        for (DeliveryResult result : results) {
            enter(result.delivery());
            try {
                state(result.outcome());
            } finally {
                for (String key : KEYS) {
                    MDC.remove(key);
                }
            }
        }
    }

    private static void enter(Delivery delivery) {
        MDC.put("notificationId", delivery.notificationId());
        MDC.put("deliveryId", delivery.deliveryId());
        MDC.put("channel", delivery.channel().wire());
        MDC.put("provider", delivery.provider() == null ? null : delivery.provider().wire());
        MDC.put("recipient", Contacts.mask(delivery.recipient()));
    }

    private static void state(Outcome outcome) {
        if (outcome.status() == DeliveryStatus.FAILED) {
            log.warn("Delivery {}: {} ({})", outcome.status(), outcome.reason(), outcome.lastError());
        } else if (outcome.status() == DeliveryStatus.RETRYING) {
            log.info("Delivery {}: {} ({})", outcome.status(), outcome.reason(), outcome.lastError());
        } else {
            log.info("Delivery {}{}", outcome.status(), outcome.reason() == null ? "" : ": " + outcome.reason());
        }
    }
}
