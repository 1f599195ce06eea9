package routes.kafka;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.kafka.*}: the brokers outside the embedded default ({@code bootstrap-servers}), the
 * hub's {@code topics}, and how those missing are created: {@code partitions} each unless
 * {@code partitions-per-topic} names the topic, {@code replication-factor} copies, or not at all
 * ({@code create-topics: false}).
 */
@ConfigurationProperties("notify.kafka")
public record KafkaSettings(String bootstrapServers, List<String> topics, boolean createTopics, int partitions,
        Map<String, Integer> partitionsPerTopic, short replicationFactor) {

    int partitionsOf(String topic) {
        return partitionsPerTopic == null ? partitions : partitionsPerTopic.getOrDefault(topic, partitions);
    }
}
