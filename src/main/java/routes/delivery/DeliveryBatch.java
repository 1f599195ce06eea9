package routes.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Gathers the deliveries of a whole batch of notifications out of fan-out's nested splits, so
 * that they are published together and the batch waits for Kafka once rather than per delivery.
 */
@Component("deliveryBatch")
public class DeliveryBatch implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange gathered, Exchange next) {
        if (next.getException() != null) {
            return next;
        }
        if (gathered == null) {
            next.getMessage().setBody(deliveriesIn(next.getMessage().getBody(), new ArrayList<>()));
            return next;
        }
        @SuppressWarnings("unchecked")
        List<Delivery> deliveries = gathered.getMessage().getBody(List.class);
        deliveriesIn(next.getMessage().getBody(), deliveries);
        return gathered;
    }

    /**
     * Each delivery once. A notification can meet itself in one batch: a client's retry adopts a
     * notification whose acceptor died after publishing it, and publishes it again. Its deliveries
     * have the same ids; logging them twice in one statement would break the log's primary key.
     */
    public List<Delivery> distinct(List<Delivery> deliveries) {
        Map<String, Delivery> byId = new LinkedHashMap<>();
        deliveries.forEach(delivery -> byId.putIfAbsent(delivery.deliveryId(), delivery));
        return byId.size() == deliveries.size() ? deliveries : new ArrayList<>(byId.values());
    }

    /** Only what the preferences let through leaves fan-out. */
    public List<Delivery> queued(List<Delivery> deliveries) {
        return deliveries.stream().filter(Delivery::isQueued).toList();
    }

    private static List<Delivery> deliveriesIn(Object body, List<Delivery> into) {
        if (body instanceof Delivery delivery) {
            into.add(delivery);
        } else if (body instanceof Collection<?> deliveries) {
            deliveries.forEach(each -> into.add((Delivery) each));
        } else if (body != null) {
            throw new IllegalArgumentException("Not a delivery: " + body.getClass().getName());
        }
        return into;
    }
}
