package routes.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import routes.NotificationHubApplication;
import routes.kafka.EmbeddedKafkaBroker;
import routes.sandbox.SandboxMailServer;
import routes.support.HubClient;
import routes.support.HubTest.Response;
import routes.support.LocalPostgres;
import routes.support.LocalRedis;

/**
 * One production instance (API and workers) on a PostgreSQL and a Redis of the test's own, which
 * the test kills and starts again while a client sends ten notifications a second, honouring
 * Retry-After: every answer is 202 or a prompt 503 with Retry-After (never a 500, never a hang),
 * what needs the missing dependency says so, the hub recovers by itself within 30 s of its return,
 * and every accepted notification reaches the SMTP server exactly once.
 */
@Tag("hub") // a whole hub with servers of its own: left out of the fast tests
class DependencyRestartTest {

    private static final String KEY = "dependency-restart-key";

    private static EmbeddedKafkaBroker kafka;
    private static SandboxMailServer smtp;
    private static LocalPostgres postgres;
    private static LocalRedis redis;
    private static ConfigurableApplicationContext hub;
    private static HubClient client;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaBroker(0, Path.of("target/test-data/restart-kafka-" + UUID.randomUUID()), 2);
        kafka.start();
        smtp = new SandboxMailServer(1000);
        smtp.start();
        postgres = LocalPostgres.start();
        redis = LocalRedis.start();
        hub = new SpringApplicationBuilder(NotificationHubApplication.class).profiles("production").run(
                "--server.port=0",
                "--notify.api-keys=" + KEY,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres",
                // production's 60 s, shortened so that a hung server's statements fail within the test
                "--spring.datasource.hikari.data-source-properties.socketTimeout=5",
                "--spring.data.redis.url=" + redis.url(),
                "--notify.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--notify.kafka.replication-factor=1",
                "--notify.providers.email.host=127.0.0.1",
                "--notify.providers.email.port=" + smtp.port(),
                "--notify.providers.email.from=hub@restart-test.local",
                "--notify.retry.base-delay=200ms",
                "--notify.retry.max-delay=1s",
                "--camel.main.shutdown-timeout=5");
        client = new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort(), KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        for (AutoCloseable server : new AutoCloseable[] {redis, postgres}) {
            if (server != null) {
                server.close();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void withoutTheDatabaseNotificationsAreStillAcceptedAndAreSentOnceItIsBack() throws Exception {
        String user = userWithEmail();
        Response before = client.call("POST", "/api/v1/notifications", email(user, "evt-" + UUID.randomUUID()));
        assertThat(before.status()).isEqualTo(202);
        String notificationId = before.json().path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.call("GET", "/api/v1/notifications/" + notificationId,
                null).json().path("status").asText().equals("DELIVERED"));

        try (Load load = new Load(user)) {
            Thread.sleep(2_000);
            postgres.kill();
            Instant down = Instant.now();

            Instant asked = Instant.now();
            Response status = client.call("GET", "/api/v1/notifications/" + notificationId, null);
            assertUnavailable(status, asked, "database");
            asked = Instant.now();
            assertUnavailable(client.call("PUT", "/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\"}"),
                    asked, "database");
            // accepting needs no database: the pod stays in the Service
            assertThat(client.call("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);

            Thread.sleep(Math.max(0, 15_000 - Duration.between(down, Instant.now()).toMillis()));
            assertThat(load.acceptedSince(down)).as("accepted while the database was away").isGreaterThan(50);

            postgres.resume();
            Instant back = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> client.call("GET", "/api/v1/notifications/" + notificationId, null).status() == 200);
            assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(30));
            Thread.sleep(3_000);
            load.close();
            load.assertEveryAnswerWasPromptAndEveryAcceptedOneArrivesOnce(user);
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringIsA503WithinTheBoundAndDeliveryResumesWhenItAnswersAgain() throws Exception {
        String user = userWithEmail();
        String firstEvent = "evt-" + UUID.randomUUID();
        Response before = client.call("POST", "/api/v1/notifications", email(user, firstEvent));
        assertThat(before.status()).isEqualTo(202);
        String notificationId = before.json().path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.receivedBy(user + "@example.com").size() == 1);

        postgres.pause();
        try {
            Instant asked = Instant.now();
            assertUnavailable(client.call("GET", "/api/v1/notifications/" + notificationId, null), asked, "database");
            String eventId = "evt-" + UUID.randomUUID();
            assertThat(client.call("POST", "/api/v1/notifications", email(user, eventId)).status()).isEqualTo(202);
            // longer than the statements' socket timeout: fan-out's fail and are read again
            Thread.sleep(8_000);
            postgres.unpause();
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.receivedBy(user + "@example.com").size() == 2);
            Thread.sleep(3_000);
            assertThat(smtp.receivedBy(user + "@example.com").stream().map(message -> message.body()))
                    .containsExactlyInAnyOrder(firstEvent, eventId);
        } finally {
            postgres.unpause();
        }
    }

    @Test
    void withoutRedisIntakeAnswers503AndOnceRedisIsBackEmptyARetryIsNotASecondNotification() throws Exception {
        String user = userWithEmail();
        String eventId = "evt-" + UUID.randomUUID();
        Response first = client.call("POST", "/api/v1/notifications", email(user, eventId));
        assertThat(first.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.receivedBy(user + "@example.com").size() == 1);

        try (Load load = new Load(user)) {
            Thread.sleep(2_000);
            redis.kill();

            await().atMost(Duration.ofSeconds(10)).until(
                    () -> client.call("GET", "/actuator/health/readiness", null).status() == 503);
            Instant asked = Instant.now();
            assertUnavailable(client.call("POST", "/api/v1/notifications", email(user, "evt-" + UUID.randomUUID())),
                    asked, "Duplicate detection");
            Thread.sleep(10_000);

            redis.resume();
            Instant back = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acceptedSince(back) > 0);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> client.call("GET", "/actuator/health/readiness", null).status() == 200);

            // Redis forgot the eventId: the client's retry gets the original id, and is not sent again
            Response retry = client.call("POST", "/api/v1/notifications", email(user, eventId));
            assertThat(retry.status()).isEqualTo(202);
            assertThat(retry.json().path("notificationId").asText()).isEqualTo(first.json().path("notificationId").asText());
            Thread.sleep(3_000);
            load.close();
            load.assertEveryAnswerWasPromptAndEveryAcceptedOneArrivesOnce(user);
            assertThat(smtp.receivedBy(user + "@example.com").stream().filter(m -> m.body().equals(eventId)))
                    .hasSize(1);
        }
    }

    private static void assertUnavailable(Response answer, Instant asked, String naming) {
        assertThat(Duration.between(asked, Instant.now())).as("answered within the bound").isLessThan(
                Duration.ofSeconds(7));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().path("detail").asText()).contains(naming);
    }

    private static String userWithEmail() {
        String user = "user-" + UUID.randomUUID();
        assertThat(client.call("PUT", "/api/v1/users/" + user, "{\"email\":\"" + user + "@example.com\"}").status())
                .isEqualTo(200);
        return user;
    }

    /** An email whose body is its eventId, so that what arrives can be counted per notification. */
    private static String email(String user, String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + user + "\",\"channels\":[\"email\"],"
                + "\"title\":\"restart\",\"body\":\"" + eventId + "\"}";
    }

    /**
     * A client sending a new notification every 100 ms, and each one refused with 503 again once
     * its Retry-After has passed, with the same eventId.
     */
    private static final class Load implements AutoCloseable {

        private record Retry(String eventId, long dueNanos) implements Delayed {
            @Override
            public long getDelay(TimeUnit unit) {
                return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }

            @Override
            public int compareTo(Delayed other) {
                return Long.compare(dueNanos, ((Retry) other).dueNanos);
            }
        }

        private final String user;
        private final Map<String, Instant> accepted = new ConcurrentHashMap<>();
        private final List<String> unexpected = new ArrayList<>();
        private final DelayQueue<Retry> retries = new DelayQueue<>();
        private final Thread sender;
        private volatile boolean running = true;
        private volatile Duration slowest = Duration.ZERO;

        Load(String user) {
            this.user = user;
            this.sender = Thread.ofPlatform().name("restart-test-client").start(this::send);
        }

        /** New eventIds while running, then only the refused ones' retries until none is left. */
        private void send() {
            while (running || !retries.isEmpty()) {
                Retry due = retries.poll();
                if (due == null && !running) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                String eventId = due != null ? due.eventId() : "evt-" + UUID.randomUUID();
                Instant asked = Instant.now();
                Response answer = client.call("POST", "/api/v1/notifications", email(user, eventId));
                Duration took = Duration.between(asked, Instant.now());
                if (took.compareTo(slowest) > 0) {
                    slowest = took;
                }
                if (answer.status() == 202 || answer.status() == 200) {
                    accepted.putIfAbsent(eventId, Instant.now());
                } else if (answer.status() == 503 && answer.header("Retry-After") != null) {
                    retries.add(new Retry(eventId,
                            System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(answer.header("Retry-After")))));
                } else {
                    synchronized (unexpected) {
                        unexpected.add(answer.status() + " " + answer.body());
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long acceptedSince(Instant moment) {
            return accepted.values().stream().filter(at -> at.isAfter(moment)).count();
        }

        void assertEveryAnswerWasPromptAndEveryAcceptedOneArrivesOnce(String user) {
            assertThat(unexpected).as("answers other than 202, 200 and 503 with Retry-After").isEmpty();
            assertThat(slowest).as("the slowest answer").isLessThan(Duration.ofSeconds(7));
            String address = user + "@example.com";
            Set<String> expected = accepted.keySet();
            await().atMost(Duration.ofSeconds(60)).until(() -> smtp.receivedBy(address).stream()
                    .map(message -> message.body()).collect(Collectors.toSet()).containsAll(expected));
            try {
                Thread.sleep(3_000); // a repeat would arrive within these
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, Long> arrivals = smtp.receivedBy(address).stream()
                    .collect(Collectors.groupingBy(message -> message.body(), Collectors.counting()));
            assertThat(arrivals).as("emails per eventId").allSatisfy((eventId, count) -> assertThat(count).isEqualTo(1));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            sender.join(40_000);
            assertThat(sender.isAlive()).as("refused requests still being retried").isFalse();
        }
    }
}
