package routes.kafka;

import java.nio.file.Path;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
public class KafkaConfig {

    /** The embedded default runs its own single-node broker on ./data, reachable by outside clients too. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @Profile("default")
    EmbeddedKafkaBroker embeddedKafkaBroker(@Value("${notify.embedded-kafka.port}") int port,
            @Value("${notify.data-dir}") Path dataDir, @Value("${notify.kafka.partitions}") int partitions) {
        return new EmbeddedKafkaBroker(port, dataDir.resolve("kafka"), partitions);
    }

    @Bean
    @Profile("default")
    KafkaBootstrap embeddedKafkaBootstrap(EmbeddedKafkaBroker broker) {
        return new KafkaBootstrap(broker.bootstrapServers());
    }

    @Bean
    @Profile("!default")
    KafkaBootstrap kafkaBootstrap(@Value("${notify.kafka.bootstrap-servers}") String servers) {
        return new KafkaBootstrap(servers);
    }

    /** Every kafka: endpoint in routes.yaml talks to the bootstrap servers chosen above. */
    @Bean
    ComponentCustomizer kafkaBrokers(KafkaBootstrap bootstrap) {
        return ComponentCustomizer.forType(KafkaComponent.class,
                kafka -> kafka.getConfiguration().setBrokers(bootstrap.servers()));
    }
}
