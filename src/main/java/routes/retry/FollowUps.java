package routes.retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.DeliveryRecords;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.delivery.PendingDeliveries;

/**
 * Where a worker's outcomes travel on once they are logged: the next attempt to
 * {@code notify.<provider>.retry}, what is given up (and unreadable records) to
 * {@code notify.<provider>.dlq} with its reason in the {@value #REASON} header.
 */
@Component("followUps")
public class FollowUps {

    public static final String REASON = "notify.dlq.reason";

    private final ObjectWriter deliveryWriter;

    public FollowUps(ObjectMapper json) {
        this.deliveryWriter = json.writerFor(Delivery.class);
    }

    /** The next attempt of each delivery that is RETRYING, for one batch publish to the retry topic. */
    public List<Message> retries(@ExchangeProperty("outcomes") List<Outcome> outcomes, Exchange batch)
            throws JsonProcessingException {
        List<Message> messages = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.followUp() != null && outcome.status() == DeliveryStatus.RETRYING) {
                messages.add(DeliveryRecords.record(outcome.followUp(), deliveryWriter, batch));
            }
        }
        return messages;
    }

    /**
     * What was given up (dead-lettered or expired) and the records that were no delivery at all,
     * each with its reason, for one batch publish to the dead-letter topic.
     */
    public List<Message> parked(@ExchangeProperty("outcomes") List<Outcome> outcomes,
            @ExchangeProperty(PendingDeliveries.UNREADABLE) List<Message> unreadable, Exchange batch)
            throws JsonProcessingException {
        List<Message> messages = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.followUp() != null && outcome.status() != DeliveryStatus.RETRYING) {
                Message message = DeliveryRecords.record(outcome.followUp(), deliveryWriter, batch);
                message.setHeader(REASON, outcome.status() + ": " + outcome.reason());
                messages.add(message);
            }
        }
        if (unreadable != null) {
            messages.addAll(unreadable);
        }
        return messages;
    }

    /** The deliveries that were given up in this batch: they are recorded as dead letters and alerted. */
    public List<Delivery> deadLetters(@ExchangeProperty("outcomes") List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(outcome -> outcome.followUp() != null && outcome.status() != DeliveryStatus.RETRYING)
                .map(Outcome::followUp)
                .toList();
    }
}
