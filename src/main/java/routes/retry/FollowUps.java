package routes.retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
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

    private final ObjectMapper json;

    public FollowUps(ObjectMapper json) {
        this.json = json;
    }

    /** One Kafka message per follow-up, each naming its topic, for one batch publish. */
    public List<Message> publications(@ExchangeProperty("outcomes") List<Outcome> outcomes,
            @ExchangeProperty(PendingDeliveries.UNREADABLE) List<Message> unreadable, Exchange batch,
            @ExchangeProperty("provider") String provider) throws JsonProcessingException {
        List<Message> messages = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Delivery next = outcome.followUp();
            if (next == null) {
                continue;
            }
            Message message = new DefaultMessage(batch);
            message.setBody(json.writeValueAsString(next));
            message.setHeader(KafkaConstants.KEY, next.userId());
            if (outcome.status() == DeliveryStatus.RETRYING) {
                message.setHeader(KafkaConstants.OVERRIDE_TOPIC, retryTopic(provider));
            } else {
                message.setHeader(KafkaConstants.OVERRIDE_TOPIC, deadLetterTopic(provider));
                message.setHeader(REASON, outcome.status() + ": " + outcome.reason());
            }
            messages.add(message);
        }
        if (unreadable != null) {
            unreadable.forEach(record -> record.setHeader(KafkaConstants.OVERRIDE_TOPIC, deadLetterTopic(provider)));
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

    static String retryTopic(String provider) {
        return "notify." + provider + ".retry";
    }

    static String deadLetterTopic(String provider) {
        return "notify." + provider + ".dlq";
    }
}
