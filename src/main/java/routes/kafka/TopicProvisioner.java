package routes.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the hub's topics that do not exist yet, before any route starts consuming, so that
 * partition counts come from configuration rather than from a broker's auto-create default:
 * {@code notify.kafka.partitions-per-topic[<topic>]}, else {@code notify.kafka.partitions}.
 */
@Component
public class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    public TopicProvisioner(KafkaBootstrap bootstrap, @Value("${notify.kafka.topics}") List<String> topics,
            @Value("${notify.kafka.partitions}") int partitions, TopicPartitions partitionsPerTopic,
            @Value("${notify.kafka.replication-factor}") short replicationFactor,
            @Value("${notify.kafka.create-topics}") boolean createTopics)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!createTopics) {
            log.info("notify.kafka.create-topics is false: expecting topics {} to exist", topics);
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitionsPerTopic.of(topic, partitions), replicationFactor))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("Created Kafka topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
