package routes.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * A batching Kafka consumer hands over one exchange per polled record; routes commit them once
 * what they caused is durable. Routes that consume record by record commit each one the same way.
 */
@Component("polledRecords")
public class PolledRecords {

    /**
     * Commits the batch: per partition, the offset after its last record. Called by the route once
     * everything the batch caused is durable, on the consumer's own thread (a synchronous commit),
     * so a crash before it re-reads the batch rather than skipping it.
     */
    public void commit(List<Exchange> records) {
        Map<Integer, Message> lastPerPartition = new HashMap<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            lastPerPartition.merge(message.getHeader(KafkaConstants.PARTITION, Integer.class), message,
                    (a, b) -> offset(b) > offset(a) ? b : a);
        }
        lastPerPartition.values().forEach(last ->
                last.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit());
    }

    /** Commits the one record a non-batching consumer (manual commits) handed over, once what it caused is durable. */
    public void commitRecord(@Header(KafkaConstants.MANUAL_COMMIT) KafkaManualCommit record) {
        record.commit();
    }

    private static long offset(Message message) {
        return message.getHeader(KafkaConstants.OFFSET, Long.class);
    }
}
