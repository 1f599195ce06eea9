package routes.delivery;

import java.util.List;
import org.apache.camel.Message;

/** A fan-out batch's records for one provider's topic, ready for the Kafka producer. */
public record ProviderBatch(Provider provider, List<Message> records) {}
