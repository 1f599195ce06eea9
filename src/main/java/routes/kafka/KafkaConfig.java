package routes.kafka;

import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
public class KafkaConfig {

    /** The embedded default runs its own single-node broker on ./data, reachable by outside clients too. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @Profile("default")
    EmbeddedKafkaBroker embeddedKafkaBroker(EmbeddedKafkaSettings embedded, KafkaSettings kafka) {
        return new EmbeddedKafkaBroker(embedded.embeddedKafka().port(), embedded.dataDir().resolve("kafka"),
                kafka.partitions());
    }

    @Bean
    @Profile("default")
    KafkaBootstrap embeddedKafkaBootstrap(EmbeddedKafkaBroker broker) {
        return new KafkaBootstrap(broker.bootstrapServers());
    }

    @Bean
    @Profile("!default")
    KafkaBootstrap kafkaBootstrap(KafkaSettings kafka) {
        return new KafkaBootstrap(kafka.bootstrapServers());
    }

    /** Every kafka: endpoint of the routes talks to the bootstrap servers chosen above. */
    @Bean
    ComponentCustomizer kafkaBrokers(KafkaBootstrap bootstrap) {
        return ComponentCustomizer.forType(KafkaComponent.class,
                kafka -> kafka.getConfiguration().setBrokers(bootstrap.servers()));
    }

    /**
     * The hub's one client for asking the broker about itself (queue depth, the dependency check),
     * connected while the hub runs; each call may bound its own wait more tightly.
     */
    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaBootstrap bootstrap) {
        int timeoutMs = 5_000;
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
    }
}
