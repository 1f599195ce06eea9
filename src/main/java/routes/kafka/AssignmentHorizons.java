package routes.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.kafka.consumer.support.subcription.DefaultSubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where each partition stood when this instance's consumer was given it: its end offset at that
 * moment. A record below that horizon may have been read before (by a consumer that crashed or lost
 * the partition before committing); a record above it is read for the first time. Workers check
 * the delivery log only for the first kind, so the steady state reads nothing.
 *
 * <p>Camel's Kafka consumers subscribe through the registry's {@code subscribeAdapter}; this one
 * subscribes as Camel's own does and listens to the assignments as well.
 */
@Component("subscribeAdapter")
public class AssignmentHorizons implements SubscribeAdapter {

    private static final Logger log = LoggerFactory.getLogger(AssignmentHorizons.class);

    private final SubscribeAdapter subscription = new DefaultSubscribeAdapter();
    private final Map<TopicPartition, Long> horizons = new ConcurrentHashMap<>();

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camelListener, TopicInfo topics) {
        subscription.subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                camelListener.onPartitionsAssigned(partitions);
                partitions.forEach(horizons::remove);
                try {
                    horizons.putAll(consumer.endOffsets(partitions));
                } catch (RuntimeException unknown) {
                    // without a horizon every record of these partitions is checked: slower, never wrong
                    log.warn("No end offsets for {}; their records are checked against the log", partitions, unknown);
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                camelListener.onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                camelListener.onPartitionsLost(partitions);
            }
        }, topics);
    }

    /** Whether this record may have been read before: it lies below its partition's horizon. */
    public boolean mayHaveBeenRead(String topic, int partition, long offset) {
        Long horizon = horizons.get(new TopicPartition(topic, partition));
        return horizon == null || offset < horizon;
    }
}
