package routes.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * A delivery as the record a batch publishes: its JSON, keyed by its user so that all of a user's
 * deliveries meet the same worker, its lane named in the {@value Lane#HEADER} header.
 */
public final class DeliveryRecords {

    private DeliveryRecords() {}

    public static Message record(Delivery delivery, ObjectWriter deliveryWriter, Exchange batch)
            throws JsonProcessingException {
        Message record = new DefaultMessage(batch);
        record.setBody(deliveryWriter.writeValueAsString(delivery));
        record.setHeader(KafkaConstants.KEY, delivery.userId());
        record.setHeader(Lane.HEADER, delivery.lane().wire());
        return record;
    }
}
