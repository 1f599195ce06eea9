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

    private final SubscribeAdapter subscription = new DefaultSubscribeAdapter();
    private final Map<TopicPartition, Long> horizons = new ConcurrentHashMap<>();

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener camelListener, TopicInfo topics) {
        subscription.subscribe(consumer, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                camelListener.onPartitionsAssigned(partitions);
                if (!partitions.isEmpty()) {
                    horizons.putAll(consumer.endOffsets(partitions));
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
