package routes.kafka;

/** Where the hub's Kafka is: the embedded broker, or {@code notify.kafka.bootstrap-servers}. */
public record KafkaBootstrap(String servers) {}
