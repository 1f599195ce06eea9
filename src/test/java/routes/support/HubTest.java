package routes.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import routes.kafka.KafkaBootstrap;

/**
 * Runs the embedded default on a random HTTP port with its own Kafka broker and database, shared
 * by every test class that extends this one (same configuration, so Spring reuses the context).
 * Tests talk to it only as a client would: over HTTP and Kafka.
 */
@Tag("hub") // the whole hub: left out of the fast tests (mvn test -DexcludedGroups=hub)
@CamelSpringBootTest
@AutoConfigureObservability // metrics exported as in production: tests scrape /actuator/prometheus
@Import(MovableClock.Config.class) // quiet hours and caps meet the hours a test lets pass at once
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "notify.embedded-kafka.port=0",
        "notify.data-dir=./target/test-data/${random.uuid}",
        "notify.dedup-lease=2s",
        // retries come quickly, so that a delivery that fails every attempt is dead-lettered in seconds
        "notify.retry.base-delay=200ms",
        "notify.retry.max-delay=1s",
        // an open email circuit (RetryAndDeadLetterTest) tries SMTP again within the retries' pace
        "resilience4j.circuitbreaker.instances.email-breaker.wait-duration-in-open-state=1s",
        // two test contexts share the JVM: stop each quickly so the fork exits within surefire's limit
        "camel.main.shutdown-timeout=5"})
public abstract class HubTest {

    public static final String KEY = "dev-secret-key";
    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaBootstrap kafka;

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** An APNs device token (64 hex digits, as APNs checks) derived from a readable seed. */
    protected static String apnsToken(String seed) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A Korean mobile number in E.164, unique enough for one test run. */
    protected static String koreanMobile() {
        return "+8210" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A new user whose only contact is this phone number. */
    protected String userWithPhone(String phone) {
        String user = unique("phone");
        Response created = put("/api/v1/users/" + user, "{\"phone\":\"" + phone + "\"}");
        if (created.status() != 200) {
            throw new AssertionError("user not created: " + created.body());
        }
        return user;
    }

    /** Sends a notification to one user on one channel; returns its notificationId once accepted. */
    protected String notifyOn(String channel, String userId, String extraFields) {
        Response accepted = post("/api/v1/notifications",
                notification(unique("evt"), userId, ",\"channels\":[\"" + channel + "\"]" + extraFields));
        if (accepted.status() != 202) {
            throw new AssertionError("not accepted: " + accepted.status() + " " + accepted.body());
        }
        return accepted.json().path("notificationId").asText();
    }

    /** Waits until the notification's first delivery has this status, and returns that delivery. */
    protected JsonNode awaitDelivery(String notificationId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(
                get("/api/v1/notifications/" + notificationId).json().path("deliveries").path(0).path("status").asText()));
        return get("/api/v1/notifications/" + notificationId).json().path("deliveries").path(0);
    }

    protected Response call(String method, String path, String body) {
        return call(method, path, body, KEY);
    }

    protected Response call(String method, String path, String body, String key) {
        return new HubClient(port, key).call(method, path, body);
    }

    protected Response post(String path, String body) {
        return call("POST", path, body);
    }

    protected Response put(String path, String body) {
        return call("PUT", path, body);
    }

    protected Response get(String path) {
        return call("GET", path, null);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** What the sandbox providers received for a device token, phone number or email address. */
    protected JsonNode sandbox(String to) {
        Response response = get("/api/v1/sandbox/messages?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
        if (response.status() != 200) {
            throw new AssertionError("sandbox answered " + response.status() + ": " + response.body());
        }
        return response.json().get("messages");
    }

    protected JsonNode awaitSandbox(String to, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox(to).size() >= count);
        return sandbox(to);
    }

    /** Waits until fan-out and the workers have settled every delivery of a notification. */
    protected JsonNode awaitSettled(String notificationId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String status = get("/api/v1/notifications/" + notificationId).json().path("status").asText();
            return !status.equals("ACCEPTED") && !status.equals("IN_PROGRESS");
        });
        return get("/api/v1/notifications/" + notificationId).json();
    }


    /** A new user with one device of this platform (ios, macos, android, web). */
    protected String userWithDevice(String platform, String token) {
        String user = unique("user");
        assertThat(put("/api/v1/users/" + user, "{}").status()).isEqualTo(200);
        assertThat(post("/api/v1/users/" + user + "/devices",
                "{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\"}").status()).isEqualTo(201);
        return user;
    }

    /** Pushes to a new user's only device and answers what the device's push peer received. */
    protected JsonNode pushReceivedBy(String platform, String token, String extraFields) {
        sendPush(userWithDevice(platform, token), extraFields);
        return awaitSandbox(token, 1).get(0);
    }

    /** Sends a push-only notification to the user and answers its notificationId. */
    protected String sendPush(String user, String extraFields) {
        return notifyOn("push", user, extraFields);
    }

    protected String notification(String eventId, String userId, String extraFields) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + userId + "\"" + extraFields + "}";
    }

    /** Writes records to one of the hub's topics, as any producer could: one producer, sent back to back. */
    protected void sendToTopic(String topic, String key, String... values) {
        sendToTopic(topic, key, Map.of(), values);
    }

    /** The same, each record carrying these headers. */
    protected void sendToTopic(String topic, String key, Map<String, String> headers, String... values) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String value : values) {
                var record = new ProducerRecord<>(topic, key, value);
                headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (Exception e) {
            throw new AssertionError("could not write to " + topic, e);
        }
    }

    /** Reads a topic from its beginning until {@code count} records containing {@code marker} were seen. */
    protected List<ConsumerRecord<String, String>> awaitRecords(String topic, String marker, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ConsumerConfig.GROUP_ID_CONFIG, unique("test"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null && record.value().contains(marker)) {
                        found.add(record);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }

    /** A header of a record the hub wrote, as text. */
    protected static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
