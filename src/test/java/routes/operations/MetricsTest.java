package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.kafka.KafkaBootstrap;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubTest;
import routes.support.Prometheus;

/** What Prometheus scrapes from /actuator/prometheus after real traffic through the hub. */
class MetricsTest extends HubTest {

    @Autowired
    KafkaBootstrap kafka;

    @Autowired
    SandboxTwilioServer twilio;

    private String scrape() {
        Response response = get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private double deliveries(String channel, String provider, String status, String reason) {
        return Prometheus.sum(scrape(), "notify_deliveries_total",
                Map.of("channel", channel, "provider", provider, "status", status, "reason", reason));
    }

    @Test
    void aSentPushIsCountedQueuedThenSentAndTimedFromAccept() {
        double queued = deliveries("push", "fcm", "queued", "none");
        double sent = deliveries("push", "fcm", "sent", "none");
        double timed = Prometheus.sum(scrape(), "notify_delivery_latency_seconds_count",
                Map.of("channel", "push", "provider", "fcm", "status", "sent"));

        awaitDelivery(sendPush(userWithDevice("android", unique("metrics-token")), ",\"body\":\"counted\""), "SENT");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(deliveries("push", "fcm", "queued", "none")).isGreaterThanOrEqualTo(queued + 1);
            assertThat(deliveries("push", "fcm", "sent", "none")).isGreaterThanOrEqualTo(sent + 1);
        });
        String metrics = scrape();
        assertThat(Prometheus.sum(metrics, "notify_delivery_latency_seconds_count",
                Map.of("channel", "push", "provider", "fcm", "status", "sent"))).isGreaterThanOrEqualTo(timed + 1);
        assertThat(Prometheus.has(metrics, "notify_delivery_latency_seconds_bucket",
                Map.of("provider", "fcm", "le", "+Inf"))).isTrue();
        // the provider call itself, timed by its circuit breaker
        assertThat(Prometheus.sum(metrics, "resilience4j_circuitbreaker_calls_seconds_count",
                Map.of("name", "fcm-breaker", "kind", "successful"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void skippedAndFailedDeliveriesAreCountedWithTheirReason() {
        double noContact = deliveries("sms", "none", "skipped", "NO_CONTACT");
        double refused = deliveries("sms", "sms", "failed", "twilio:21211");

        String userWithoutPhone = unique("no-phone");
        assertThat(put("/api/v1/users/" + userWithoutPhone, "{}").status()).isEqualTo(200);
        awaitSettled(notifyOn("sms", userWithoutPhone, ",\"body\":\"nowhere to send\""));
        String phone = koreanMobile();
        twilio.refuseNumber(phone);
        awaitDelivery(notifyOn("sms", userWithPhone(phone), ",\"body\":\"refused\""), "FAILED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(deliveries("sms", "none", "skipped", "NO_CONTACT")).isEqualTo(noContact + 1);
            assertThat(deliveries("sms", "sms", "failed", "twilio:21211")).isEqualTo(refused + 1);
        });
        // the SMS breaker's state, published by resilience4j's Micrometer binding
        assertThat(Prometheus.sum(scrape(), "resilience4j_circuitbreaker_state",
                Map.of("name", "sms-breaker", "state", "closed"))).isEqualTo(1);
    }

    @Test
    void aRepeatedEventIdIsADedupHit() {
        String user = userWithDevice("android", unique("dedup-token"));
        String request = notification(unique("dedup-event"), user, ",\"body\":\"once\"");
        assertThat(post("/api/v1/notifications", request).status()).isEqualTo(202);
        double hits = Prometheus.sum(scrape(), "notify_dedup_hits_total", Map.of());

        assertThat(post("/api/v1/notifications", request).status()).isEqualTo(200);

        assertThat(Prometheus.sum(scrape(), "notify_dedup_hits_total", Map.of())).isEqualTo(hits + 1);
    }

    /** Every hub metric the PrometheusRule alerts on is one the hub exports. */
    @Test
    void theAlertsUseMetricsTheHubExports() throws Exception {
        String rules = Files.readString(Path.of("kustomize/base/monitoring.yaml"));
        List<String> used = Pattern.compile("\\b(?:notify|resilience4j)_[a-z_]+\\b").matcher(rules).results()
                .map(MatchResult::group).distinct().toList();
        assertThat(used).contains("notify_deliveries_total", "notify_queue_depth_records",
                "resilience4j_circuitbreaker_state");

        // an SMS passes the breaker and leaves a delivery counted, whichever test ran first
        awaitDelivery(notifyOn("sms", userWithPhone(koreanMobile()), ",\"body\":\"for the alerts\""), "SENT");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(used).allSatisfy(metric -> assertThat(metrics).containsAnyOf("\n" + metric + "{",
                    "\n" + metric + " "));
        });
    }

    /** A group that committed offset 0 on a topic holding three records is three records behind. */
    @Test
    void queueDepthIsTheConsumerLagOfEachGroupOnEachTopic() throws Exception {
        String topic = "notify." + unique("lag");
        String group = "notify-" + unique("lagging");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers()));
                var producer = new KafkaProducer<String, String>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "waiting " + i)).get();
            }
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all().get();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Prometheus.sum(scrape(),
                "notify_queue_depth_records", Map.of("topic", topic, "group", group))).isEqualTo(3));
        assertThat(Prometheus.has(scrape(), "notify_queue_depth_records",
                Map.of("topic", "notify.fcm", "group", "notify-deliver-fcm"))).isTrue();
    }

    /** Each lane is its own topic and consumer group, so its backlog is a row of its own. */
    @Test
    void queueDepthIsMeasuredPerLane() {
        String token = unique("bulk-depth");
        sendPush(userWithDevice("android", token), ",\"priority\":\"bulk\",\"body\":\"digest\"");
        awaitSandbox(token, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Prometheus.has(scrape(),
                "notify_queue_depth_records", Map.of("topic", "notify.fcm.bulk", "group", "notify-deliver-fcm-bulk")))
                .isTrue());
    }
}
