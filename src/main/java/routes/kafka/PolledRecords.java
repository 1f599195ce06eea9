package routes.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * A batching Kafka consumer hands over one exchange per polled record; routes commit them once
 * what they caused is durable. Routes that consume record by record commit each one the same way.
 */
@Component("polledRecords")
public class PolledRecords {

    /**
     * Commits the batch: per partition, the offset after its last record, all in one synchronous
     * commit. Called by the route once everything the batch caused is durable, on the consumer's own
     * thread, so a crash before it re-reads the batch rather than skipping it. Each record's own
     * {@link KafkaManualCommit} would commit its partition alone: one broker round trip per
     * partition, where this takes one per batch, with the same offsets and timeout.
     */
    public void commit(List<Exchange> records) {
        Map<TopicPartition, Long> lastPerPartition = new HashMap<>();
        DefaultKafkaManualCommit any = null;
        for (Exchange record : records) {
            any = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, DefaultKafkaManualCommit.class);
            lastPerPartition.merge(any.getPartition(), any.getRecordOffset(), Math::max);
        }
        if (any == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        lastPerPartition.forEach((partition, last) -> next.put(partition, new OffsetAndMetadata(last + 1)));
        Consumer<?, ?> consumer = any.getCamelExchangePayload().consumer;
        consumer.commitSync(next, Duration.ofMillis(any.getCommitTimeout()));
    }

    /** Commits the one record a non-batching consumer (manual commits) handed over, once what it caused is durable. */
    public void commitRecord(@Header(KafkaConstants.MANUAL_COMMIT) KafkaManualCommit record) {
        record.commit();
    }
}
