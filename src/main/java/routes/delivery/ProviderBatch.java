package routes.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;

/** A batch's records for one provider's lane (one topic), ready for the Kafka producer. */
public record ProviderBatch(Provider provider, Lane lane, List<Message> records) {

    /** Records gathered into one batch per provider and lane, by provider, the urgent lane first. */
    public static final class Grouping {

        private final Map<Provider, Map<Lane, List<Message>>> records = new EnumMap<>(Provider.class);

        public void add(Provider provider, Lane lane, Message record) {
            records.computeIfAbsent(provider, any -> new EnumMap<>(Lane.class))
                    .computeIfAbsent(lane, any -> new ArrayList<>()).add(record);
        }

        public List<ProviderBatch> batches() {
            List<ProviderBatch> batches = new ArrayList<>();
            records.forEach((provider, lanes) -> lanes.forEach((lane, batch) -> batches.add(new ProviderBatch(provider, lane, batch))));
            return batches;
        }
    }
}
