package routes.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Queue depth: how many records each of the hub's consumer groups ({@code notify-*}) has yet to
 * consume on each of its topics ({@code notify.*}: each provider's two lanes, {@code notify.<provider>}
 * and {@code notify.<provider>.bulk}, each read by its own group; the retry topics, intake),
 * as the gauge {@code notify.queue.depth{topic, group}}. Read from the broker (committed offsets
 * against end offsets), so every pod reports the whole backlog, not only its own partitions.
 */
@Component("queueDepth")
public class QueueDepth {

    private static final Logger log = LoggerFactory.getLogger(QueueDepth.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final MultiGauge depth;

    public QueueDepth(Admin admin, MeterRegistry registry) {
        this.admin = admin;
        this.depth = MultiGauge.builder("notify.queue.depth")
                .description("Records not yet consumed (Kafka consumer lag) per topic and consumer group")
                .baseUnit("records")
                .register(registry);
    }

    /** Reads every group's lag again; while the broker cannot be asked, the gauge has no rows rather than old ones. */
    public void refresh() throws InterruptedException {
        try {
            depth.register(rows(), true);
        } catch (ExecutionException | TimeoutException unreachable) {
            log.warn("Queue depth not measured, Kafka did not answer: {}", unreachable.toString());
            depth.register(List.of(), true);
        }
    }

    private List<MultiGauge.Row<?>> rows() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            if (group.groupId().startsWith("notify-")) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                offsets.keySet().removeIf(partition -> !partition.topic().startsWith("notify."));
                offsets.values().removeIf(Objects::isNull);
                committed.put(group.groupId(), offsets);
            }
        }
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(p -> partitions.put(p, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Map<Tags, Long> lag = new HashMap<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> lag.merge(
                Tags.of("topic", partition.topic(), "group", group),
                Math.max(0, ends.get(partition).offset() - offset.offset()), Long::sum)));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        lag.forEach((tags, records) -> rows.add(MultiGauge.Row.of(tags, records)));
        return rows;
    }
}
