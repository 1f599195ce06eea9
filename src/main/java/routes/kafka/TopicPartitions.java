package routes.kafka;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code notify.kafka.partitions-per-topic}: partition counts for topics that need their own. */
@ConfigurationProperties("notify.kafka")
public record TopicPartitions(Map<String, Integer> partitionsPerTopic) {

    int of(String topic, int otherwise) {
        return partitionsPerTopic == null ? otherwise : partitionsPerTopic.getOrDefault(topic, otherwise);
    }
}
