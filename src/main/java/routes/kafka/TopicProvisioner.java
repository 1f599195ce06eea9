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
import org.springframework.stereotype.Component;

/**
 * Creates the hub's topics that do not exist yet, before any route starts consuming, so that
 * partition counts come from configuration rather than from a broker's auto-create default:
 * {@code notify.kafka.partitions-per-topic[<topic>]}, else {@code notify.kafka.partitions}. With
 * {@code notify.kafka.create-topics=false} (topics managed elsewhere, as by Strimzi) it only warns.
 */
@Component
public class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    public TopicProvisioner(KafkaBootstrap bootstrap, KafkaSettings settings)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = settings.topics().stream().filter(topic -> !existing.contains(topic)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (!settings.createTopics()) {
                // e.g. Strimzi's topic operator may still be creating them: their consumers wait
                log.warn("Kafka topics {} do not exist yet and notify.kafka.create-topics is false", missing);
                return;
            }
            admin.createTopics(missing.stream()
                            .map(topic -> new NewTopic(topic, settings.partitionsOf(topic), settings.replicationFactor()))
                            .toList())
                    .all().get(30, TimeUnit.SECONDS);
            log.info("Created Kafka topics {}", missing);
        }
    }
}
