package routes.kafka;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.kafka.*}: the brokers outside the embedded default ({@code bootstrap-servers}), and
 * how the topics the routes name are created when missing: {@code partitions} each unless
 * {@code partitions-per-topic} names the topic, {@code replication-factor} copies, or not at all
 * ({@code create-topics: false}).
 */
@ConfigurationProperties("notify.kafka")
public record KafkaSettings(String bootstrapServers, boolean createTopics, int partitions,
        Map<String, Integer> partitionsPerTopic, short replicationFactor) {

    int partitionsOf(String topic) {
        return partitionsPerTopic == null ? partitions : partitionsPerTopic.getOrDefault(topic, partitions);
    }
}
