package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import routes.support.PackagedHub;

/**
 * What a newcomer runs: {@code java -jar target/notification-hub.jar}. Proves the fat jar loads
 * routes.yaml (not only the IDE or spring-boot:run classpath), starts its own Kafka, and ships no
 * test library.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIT {

    private static final Path JAR = Path.of("target/notification-hub.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process hub;
    private static int port;
    private static int kafkaPort;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startTheJar() throws IOException {
        port = freePort();
        kafkaPort = freePort();
        start("hub.log");
    }

    private static void start(String logFile) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        hub = new ProcessBuilder(java, "-jar", JAR.toString(), "--server.port=" + port,
                "--notify.embedded-kafka.port=" + kafkaPort, "--notify.data-dir=" + dataDir.toAbsolutePath())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(logFile).toFile())
                .start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreException(java.io.UncheckedIOException.class).until(() -> {
            assertThat(hub.isAlive()).as(() -> PackagedHub.exited(dataDir.resolve(logFile))).isTrue();
            return status("GET", "/actuator/health/readiness", null) == 200;
        });
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void jarDeliversANotificationThroughItsYamlRoutes() {
        assertThat(status("PUT", "/api/v1/users/jar-user", "{}")).isEqualTo(200);
        assertThat(status("POST", "/api/v1/users/jar-user/devices", "{\"platform\":\"android\",\"token\":\"jar-token\"}"))
                .isEqualTo(201);
        assertThat(status("POST", "/api/v1/notifications",
                "{\"eventId\":\"jar-1\",\"userId\":\"jar-user\",\"body\":\"from the jar\"}")).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                body("/api/v1/sandbox/messages?to=jar-token").contains("\"body\":\"from the jar\""));
    }

    /**
     * A rolling deploy sends SIGTERM: every route stops gracefully, and soon (idle Kafka consumers
     * once held each stop for their 5 s poll, one after another: 23 s, past Camel's own timeout),
     * even while a retry worker holds a delivery whose next attempt is not due yet (it held the
     * stop until Camel's 45 s timeout). That delivery is not lost: after a restart it is held
     * again and goes back to its provider's topic when due, not to the dead letters.
     */
    @Test
    @Order(2)
    void sigtermStopsTheHubGracefullyWithinSecondsAndKeepsAHeldRetry() throws Exception {
        String deliveryId = "held-" + System.nanoTime();
        Instant due = Instant.now().plusSeconds(40);
        try (var producer = new KafkaProducer<String, String>(kafka(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("notify.email.retry", "held-user", retryingEmail(deliveryId, due))).get();
        }
        // the retry worker holds the delivery, as an operator sees it: one exchange in flight on its route
        await().atMost(Duration.ofSeconds(20)).until(() -> retryEmailInflight() == 1);

        hub.destroy();

        assertThat(hub.waitFor(15, TimeUnit.SECONDS)).as("hub still running 15 s after SIGTERM").isTrue();
        String log = Files.readString(dataDir.resolve("hub.log"));
        assertThat(log).contains("Graceful shutdown complete").contains("shutdown in")
                .doesNotContain("Timeout occurred during graceful shutdown")
                .doesNotContain("Error invoking destroy method");

        start("hub-restarted.log");
        await().atMost(Duration.ofSeconds(90)).until(() -> recordsOn("notify.email", deliveryId) == 1);
        assertThat(Instant.now()).as("put back when due, not before").isAfter(due);
        assertThat(recordsOn("notify.email.dlq", deliveryId)).isZero();
    }

    private static String retryingEmail(String deliveryId, Instant due) {
        return "{\"deliveryId\":\"" + deliveryId + "\",\"notificationId\":\"held-notification\",\"userId\":\"held-user\","
                + "\"channel\":\"email\",\"provider\":\"email\",\"recipient\":\"held@example.com\",\"body\":\"held\","
                + "\"data\":{},\"priority\":\"normal\",\"background\":false,\"acceptedAt\":\"" + Instant.now() + "\","
                + "\"status\":\"RETRYING\",\"attempt\":1,\"firstAttempt\":1,\"notBefore\":\"" + due + "\",\"history\":[]}";
    }

    /** Exchanges in flight on the email retry worker's route, read from Camel's MBean through Jolokia. */
    private static int retryEmailInflight() throws IOException {
        JsonNode routes = JSON.readTree(body("/actuator/jolokia/read/org.apache.camel:type=routes,name=%22retry-email%22,*"
                + "/ExchangesInflight")).path("value");
        assertThat(routes.size()).as("retry-email routes: %s", routes).isEqualTo(1);
        return routes.elements().next().path("ExchangesInflight").asInt();
    }

    /** Records containing the marker on a topic, read from its beginning up to its end as it is now. */
    private static long recordsOn(String topic, String marker) {
        try (var consumer = new KafkaConsumer<String, String>(kafka(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long found = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    private static Map<String, Object> kafka() {
        return new HashMap<>(Map.of("bootstrap.servers", "localhost:" + kafkaPort));
    }

    @Test
    void jarShipsNoTestLibrary() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).anyMatch(name -> name.contains("kafka_2.13"));
            assertThat(libraries).noneMatch(name -> name.matches(
                    ".*/(junit|assertj|mockito|awaitility|hamcrest|camel-test|spring-boot-test|spring-test|kafka.*-test).*"));
        }
    }

    private static int status(String method, String path, String json) {
        return send(method, path, json).statusCode();
    }

    private static String body(String path) {
        return send("GET", path, null).body();
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer dev-secret-key")
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
