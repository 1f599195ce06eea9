package routes.logging;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.user.Contacts;

/**
 * Puts a delivery's ids in the logging context (MDC) while a worker handles it, so every line the
 * hub logs meanwhile, and the line that states its outcome, names notificationId, deliveryId,
 * channel, provider and the recipient masked. Workers send a batch on virtual threads, one per
 * delivery: the context is set per delivery, inside the split, not per route.
 */
@Component("deliveryTrail")
public class DeliveryTrail {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTrail.class);
    private static final String[] KEYS = {"notificationId", "deliveryId", "channel", "provider", "recipient"};

    public void enter(@ExchangeProperty("delivery") Delivery delivery) {
        MDC.put("notificationId", delivery.notificationId());
        MDC.put("deliveryId", delivery.deliveryId());
        MDC.put("channel", delivery.channel().wire());
        MDC.put("provider", delivery.provider() == null ? null : delivery.provider().wire());
        MDC.put("recipient", Contacts.mask(delivery.recipient()));
    }

    /** States the outcome (failures louder than the rest), then leaves the delivery's context. */
    public void leave(@Body Outcome outcome) {
        try {
            if (outcome.status() == DeliveryStatus.FAILED) {
                log.warn("Delivery {}: {} ({})", outcome.status(), outcome.reason(), outcome.lastError());
            } else if (outcome.status() == DeliveryStatus.RETRYING) {
                log.info("Delivery {}: {} ({})", outcome.status(), outcome.reason(), outcome.lastError());
            } else {
                log.info("Delivery {}{}", outcome.status(), outcome.reason() == null ? "" : ": " + outcome.reason());
            }
        } finally {
            for (String key : KEYS) {
                MDC.remove(key);
            }
        }
    }
}
