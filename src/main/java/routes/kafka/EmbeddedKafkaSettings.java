package routes.kafka;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default's own broker: {@code notify.embedded-kafka.port} (0: any free port), its log
 * in {@code kafka} under {@code notify.data-dir}.
 */
@ConfigurationProperties("notify")
public record EmbeddedKafkaSettings(Path dataDir, EmbeddedKafka embeddedKafka) {

    public record EmbeddedKafka(int port) {}
}
