package routes.notification;

import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.stereotype.Component;

/**
 * The producer of intake's publish (route accept: {@code kafkaClientFactory=#intakeKafkaClients}),
 * bounded so that a request waits at most notify.intake.timeout while the broker is away: half of
 * it for the partitions' leaders (max.block.ms, when the producer does not know them), half for
 * the acknowledgement (delivery.timeout.ms, a slow request retried within it). Then the publish
 * fails, and the request is answered 503 with Retry-After (routes.api.Problems). The other
 * publishes, on the workers' consumer threads, keep the component's longer bounds.
 */
@Component("intakeKafkaClients")
public class IntakeKafkaClients extends DefaultKafkaClientFactory {

    private final IntakeSettings settings;

    public IntakeKafkaClients(IntakeSettings settings) {
        this.settings = settings;
    }

    @Override
    public Producer getProducer(Properties kafkaProps) {
        long half = settings.timeout().toMillis() / 2;
        Object linger = kafkaProps.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, 0);
        kafkaProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(half));
        kafkaProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(half));
        // Kafka asks delivery.timeout.ms >= linger.ms + request.timeout.ms
        kafkaProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, half - Long.parseLong(linger.toString()))));
        return super.getProducer(kafkaProps);
    }
}
