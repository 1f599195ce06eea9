package routes.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.NotificationHubApplication;
import routes.cancel.CanceledNotifications;
import routes.category.Categories;
import routes.dedup.LeasedIdempotentRepository;
import routes.kafka.EmbeddedKafkaBroker;
import routes.notification.Priority;
import routes.provider.sms.TwilioSettings;
import routes.sandbox.SandboxMailServer;
import routes.sandbox.SandboxOutbox;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubClient;
import routes.support.HubTest.Response;
import routes.support.Prometheus;

/**
 * The production profile on the machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)
 * and an in-JVM Kafka broker, as four instances: a worker, two api instances sharing Redis, and an
 * api instance whose Redis is away. Each run has its own database and Redis key prefix; email and
 * SMS go to an SMTP server and a Twilio-style server the test runs, and the assertions are on what
 * those peers received.
 */
@Tag("hub") // whole hubs on PostgreSQL and Redis: left out of the fast tests
class ProductionTest {

    private static final String KEY = "production-test-key";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private static EmbeddedKafkaBroker kafka;
    private static SandboxMailServer smtp;
    private static SandboxOutbox smsReceived;
    private static SandboxTwilioServer twilio;
    private static String database;
    private static String redisPrefix;
    private static ConfigurableApplicationContext worker;
    private static ConfigurableApplicationContext api1;
    private static ConfigurableApplicationContext api2;
    private static ConfigurableApplicationContext apiWithoutRedis;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaBroker(0, Path.of("target/test-data/production-kafka-" + UUID.randomUUID()), 4);
        kafka.start();
        smtp = new SandboxMailServer(1000);
        smtp.start();
        smsReceived = new SandboxOutbox(100);
        twilio = new SandboxTwilioServer(smsReceived, new ObjectMapper());
        twilio.start();
        database = "notify_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection postgres = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = postgres.createStatement()) {
            statement.execute("create database " + database);
        }
        redisPrefix = "notify-test:" + UUID.randomUUID() + ":";
        // the worker starts first and migrates the new database; it checks retention every second
        worker = hub(Map.of("notify.roles", "worker", "notify.retention-interval", "1s"));
        api1 = hub(Map.of("notify.roles", "api"));
        api2 = hub(Map.of("notify.roles", "api"));
        apiWithoutRedis = hub(Map.of("notify.roles", "api", "spring.data.redis.url", "redis://127.0.0.1:" + freePort()));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (api1 != null) {
            api1.getBean(LeasedIdempotentRepository.class).clear();
        }
        for (ConfigurableApplicationContext hub : new ConfigurableApplicationContext[] {apiWithoutRedis, api2, api1,
                worker}) {
            if (hub != null) {
                hub.close();
            }
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (twilio != null) {
            twilio.stop();
        }
        try (Connection postgres = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = postgres.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    /** A production instance on this run's database, Redis prefix, broker and peers; overrides win. */
    private static ConfigurableApplicationContext hub(Map<String, String> overrides) {
        TwilioSettings account = twilio.settings();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("notify.api-keys", KEY);
        properties.put("spring.datasource.url", POSTGRES + database);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.data.redis.url", "redis://127.0.0.1:6379");
        properties.put("notify.dedup-key-prefix", redisPrefix);
        // under the dedup prefix, so that clearing the run's eventIds clears its buckets too
        properties.put("notify.limit-key-prefix", redisPrefix + "limit:");
        properties.put("notify.caps.key-prefix", redisPrefix + "cap:");
        properties.put("notify.dedup-lease", "2s");
        properties.put("notify.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("notify.kafka.replication-factor", "1");
        properties.put("notify.kafka.partitions-per-topic[notify.email]", "2");
        properties.put("notify.providers.email.host", "127.0.0.1");
        properties.put("notify.providers.email.port", String.valueOf(smtp.port()));
        properties.put("notify.providers.email.from", "hub@production-test.local");
        properties.put("notify.providers.sms.primary", "twilio");
        properties.put("notify.providers.sms.twilio.base-url", account.baseUrl());
        properties.put("notify.providers.sms.twilio.account-sid", account.accountSid());
        properties.put("notify.providers.sms.twilio.auth-token", account.authToken());
        properties.put("notify.providers.sms.twilio.from", account.from());
        properties.put("camel.main.shutdown-timeout", "5");
        // three quick attempts, so that a delivery is dead-lettered within seconds
        properties.put("notify.retry.base-delay", "100ms");
        properties.put("notify.retry.max-delay", "200ms");
        properties.put("notify.retry.max-attempts", "3");
        properties.putAll(overrides);
        return new SpringApplicationBuilder(NotificationHubApplication.class)
                .profiles("production")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new));
    }

    private static HubClient client(ConfigurableApplicationContext hub) {
        return new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort(), KEY);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String userWithEmail(HubClient hub, String address) {
        String user = "user-" + UUID.randomUUID();
        assertThat(hub.call("PUT", "/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status())
                .isEqualTo(200);
        return user;
    }

    private static String email(String user, String eventId, String body) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + user + "\",\"channels\":[\"email\"],"
                + "\"title\":\"production\",\"body\":\"" + body + "\"}";
    }

    private static List<String> smsReceivedBy(String phone) {
        return smsReceived.receivedBy(phone).stream().map(message -> message.body()).toList();
    }

    private static List<String> bodiesReceivedBy(String address) {
        return smtp.receivedBy(address).stream().map(message -> message.body()).toList();
    }

    @Test
    void aNotificationIsAcceptedByTheApiAndDeliveredByTheWorkerOnEveryChannel() {
        HubClient api = client(api1);
        String address = "foundation-" + UUID.randomUUID() + "@example.com";
        String phone = "+8210" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String user = "user-" + UUID.randomUUID();
        assertThat(api.call("PUT", "/api/v1/users/" + user,
                "{\"email\":\"" + address + "\",\"phone\":\"" + phone + "\"}").status()).isEqualTo(200);
        Response device = api.call("POST", "/api/v1/users/" + user + "/devices",
                "{\"platform\":\"android\",\"token\":\"fcm-token-" + UUID.randomUUID() + "\"}");
        assertThat(device.status()).isEqualTo(201);

        Response accepted = api.call("POST", "/api/v1/notifications", "{\"eventId\":\"evt-" + UUID.randomUUID()
                + "\",\"userId\":\"" + user + "\",\"title\":\"production\",\"body\":\"주문 발송 📦\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String notificationId = accepted.json().path("notificationId").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1
                && smsReceivedBy(phone).size() == 1);
        assertThat(bodiesReceivedBy(address)).containsExactly("주문 발송 📦");
        assertThat(smsReceivedBy(phone)).containsExactly("주문 발송 📦");
        // FCM has no credentials here: that delivery fails as not configured, the others are sent
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = client(api2).call("GET", "/api/v1/notifications/" + notificationId, null).json();
            assertThat(status.path("status").asText()).isEqualTo("PARTIALLY_DELIVERED");
            Map<String, String> deliveries = new HashMap<>();
            status.path("deliveries").forEach(d -> deliveries.put(d.path("provider").asText(),
                    d.path("status").asText() + " " + d.path("reason").asText("")));
            assertThat(deliveries).containsExactlyInAnyOrderEntriesOf(Map.of("email", "SENT ", "sms", "SENT ",
                    "fcm", "FAILED PROVIDER_NOT_CONFIGURED"));
        });

        assertThat(new HubClient(api.port(), null).call("GET", "/api/v1/users/" + user, null).status())
                .isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/sandbox/messages?to=" + address, null).status()).isEqualTo(404);
    }

    @Test
    void aDeadLetterIsKeptInPostgresListedByTheApiAndReplayedToTheWorker() {
        HubClient api = client(api1);
        String address = "dead-" + UUID.randomUUID() + "@example.com";
        String user = userWithEmail(api, address);
        String notificationId;
        smtp.stop();
        try {
            Response accepted = api.call("POST", "/api/v1/notifications", email(user, "evt-" + UUID.randomUUID(), "later"));
            assertThat(accepted.status()).isEqualTo(202);
            notificationId = accepted.json().path("notificationId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> api.call("GET", "/api/v1/notifications/" + notificationId,
                    null).json().path("deliveries").path(0).path("status").asText().equals("DEAD_LETTERED"));
        } finally {
            smtp.start();
        }
        String deliveryId = api.call("GET", "/api/v1/notifications/" + notificationId, null).json()
                .path("deliveries").path(0).path("deliveryId").asText();
        // the worker records the outcome first, then writes the dead letter
        JsonNode listed = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(api, deliveryId),
                java.util.Objects::nonNull);
        assertThat(listed.path("attempts").asInt()).isEqualTo(3);
        assertThat(listed.path("history")).hasSize(3);

        assertThat(api.call("POST", "/api/v1/admin/dead-letters/" + deliveryId + "/replay", null).status())
                .isEqualTo(202);
        // the refused attempts may have opened the worker's email breaker, which waits 30 s to try again
        await().atMost(Duration.ofSeconds(45)).until(() -> bodiesReceivedBy(address).size() == 1);
        assertThat(bodiesReceivedBy(address)).containsExactly("later");
    }

    private static JsonNode deadLetter(HubClient api, String deliveryId) {
        for (JsonNode deadLetter : api.call("GET", "/api/v1/admin/dead-letters?channel=email", null).json()
                .path("deadLetters")) {
            if (deadLetter.path("deliveryId").asText().equals(deliveryId)) {
                return deadLetter;
            }
        }
        return null;
    }

    @Test
    void withoutApiKeysAProductionInstanceRefusesToStart() {
        assertThatThrownBy(() -> hub(Map.of("notify.roles", "api", "notify.api-keys", "")))
                .hasStackTraceContaining("notify.api-keys is empty");
    }

    @Test
    void rolesRunOnlyTheirRoutesAndAWorkerHasNoRestApi() {
        CamelContext workerRoutes = worker.getBean(CamelContext.class);
        CamelContext apiRoutes = api1.getBean(CamelContext.class);
        assertThat(workerRoutes.getRoute("fan-out")).isNotNull();
        assertThat(workerRoutes.getRoute("deliver-email")).isNotNull();
        assertThat(workerRoutes.getRoute("intake-kafka")).isNull();
        assertThat(workerRoutes.getRoute("accept")).isNull();
        assertThat(apiRoutes.getRoute("accept")).isNotNull();
        assertThat(apiRoutes.getRoute("fan-out")).isNull();
        assertThat(apiRoutes.getRoute("deliver-email")).isNull();
        assertThat(apiRoutes.getRoute("retention")).isNull();
        assertThat(client(worker).call("PUT", "/api/v1/users/nobody", "{}").status()).isEqualTo(404);
        assertThat(client(worker).call("POST", "/api/v1/notifications", email("nobody", "evt", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinSecondsWhileItsSuccessorWorks() {
        String user = userWithEmail(client(api1), "rotated-" + UUID.randomUUID() + "@example.com");
        String clientId = client(api1).createClient("rotating-" + UUID.randomUUID(), "users:read");
        JsonNode oldKey = client(api1).issueKey(clientId, null);
        HubClient oldOnApi2 = client(api2).with(oldKey.path("key").asText());
        assertThat(oldOnApi2.call("GET", "/api/v1/users/" + user, null).status()).as("cached by api2").isEqualTo(200);
        HubClient newOnApi2 = client(api2).with(client(api1).issueKey(clientId, null).path("key").asText());
        assertThat(newOnApi2.call("GET", "/api/v1/users/" + user, null).status()).isEqualTo(200);

        assertThat(client(api1).call("DELETE", "/api/v1/admin/clients/" + clientId + "/keys/"
                + oldKey.path("keyId").asText(), null).status()).isEqualTo(204);
        assertThat(client(api1).with(oldKey.path("key").asText()).call("GET", "/api/v1/users/" + user, null).status())
                .as("refused at once where it was revoked").isEqualTo(401);
        await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(newOnApi2.call("GET", "/api/v1/users/" + user, null).status()).isEqualTo(200);
            return oldOnApi2.call("GET", "/api/v1/users/" + user, null).status() == 401;
        });
    }

    @Test
    void theConsoleAndMetricsAskForTheAdminScopeAndHealthForNoKey() {
        String clientId = client(api1).createClient("not-admin-" + UUID.randomUUID(), "send", "users:read",
                "users:write", "templates");
        HubClient notAdmin = client(api1).with(client(api1).issueKey(clientId, null).path("key").asText());
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info",
                "/actuator/jolokia/version", "/actuator/hawtio/")) {
            Response refused = notAdmin.call("GET", path, null);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asText()).as(path).contains("'admin'");
            Response anonymous = new HubClient(notAdmin.port(), null).call("GET", path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).as(path).startsWith("Basic");
        }
        assertThat(notAdmin.call("POST", "/actuator/jolokia", "{\"type\":\"exec\",\"mbean\":"
                + "\"com.sun.management:type=DiagnosticCommand\",\"operation\":\"vmSystemProperties\"}").status())
                .isEqualTo(403);
        assertThat(client(api1).call("GET", "/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(client(api1).call("GET", "/actuator/jolokia/version", null).status()).isEqualTo(200);
        assertThat(new HubClient(notAdmin.port(), null).call("GET", "/actuator/health/liveness", null).status())
                .isEqualTo(200);
    }

    @Test
    void theSameEventIdSentToTwoInstancesAtOnceIsDeliveredOnce() throws Exception {
        String address = "dedup-" + UUID.randomUUID() + "@example.com";
        String user = userWithEmail(client(api1), address);
        String request = email(user, "evt-" + UUID.randomUUID(), "once");
        List<Callable<Response>> sends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HubClient hub = client(i % 2 == 0 ? api1 : api2);
            sends.add(() -> hub.call("POST", "/api/v1/notifications", request));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(sends.size())) {
            for (Future<Response> answer : clients.invokeAll(sends)) {
                statuses.add(answer.get().status());
            }
        }
        assertThat(statuses).containsOnlyOnce(202).containsAnyOf(200, 409);
        assertThat(statuses).allMatch(status -> status == 202 || status == 200 || status == 409);

        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1);
        // the repeats keep being answered as duplicates by either instance, and nothing more arrives
        Response again = client(api2).call("POST", "/api/v1/notifications", request);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(client(api1).call("POST", "/api/v1/notifications", request).status()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> bodiesReceivedBy(address).size() == 1);
    }

    /**
     * Redis restarted empty (here: the run's keys deleted) forgets every eventId, so a client's
     * retry gets a new claim and is published again under the same notificationId. Fan-out records
     * a notification only if absent and checks a repeat's deliveries against the log: the retry is
     * answered 202 with the original id, nothing is sent twice and the notification stays the first.
     */
    @Test
    void anEventIdRetriedAfterRedisLostItsKeysIsAnsweredWithTheOriginalAndNotSentAgain() {
        String address = "forgotten-" + UUID.randomUUID() + "@example.com";
        String user = userWithEmail(client(api1), address);
        String eventId = "evt-" + UUID.randomUUID();
        Response first = client(api1).call("POST", "/api/v1/notifications", email(user, eventId, "first"));
        assertThat(first.status()).isEqualTo(202);
        String id = first.json().path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1);
        JsonNode[] original = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            original[0] = client(api2).call("GET", "/api/v1/notifications/" + id, null).json();
            return original[0].path("status").asText().equals("DELIVERED");
        });

        api1.getBean(LeasedIdempotentRepository.class).clear();
        // the client's retry, to the other instance, with a body that would show if it were recorded
        Response retry = client(api2).call("POST", "/api/v1/notifications", email(user, eventId, "retried"));
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("notificationId").asText()).isEqualTo(id);

        // fan-out has read the retry once a later notification to the same user arrived
        assertThat(client(api1).call("POST", "/api/v1/notifications",
                email(user, "evt-" + UUID.randomUUID(), "later")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() >= 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> bodiesReceivedBy(address).size() == 2);
        assertThat(bodiesReceivedBy(address)).containsExactlyInAnyOrder("first", "later");
        assertThat(client(api1).call("GET", "/api/v1/notifications/" + id, null).json()).isEqualTo(original[0]);
        // confirmed again by the retry's publish, the eventId is a duplicate from now on
        Response again = client(api1).call("POST", "/api/v1/notifications", email(user, eventId, "first"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    }

    /** A user with this address on api1, sent one email that arrived: the worker cached the recipient. */
    private static String userCachedByTheWorker(String address, String body) {
        String user = userWithEmail(client(api1), address);
        assertThat(client(api1).call("POST", "/api/v1/notifications",
                email(user, "evt-" + UUID.randomUUID(), body)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1);
        assertThat(worker.getBean(CacheManager.class).getCache("recipients").get(user))
                .as("the worker cached the recipient while fanning out").isNotNull();
        return user;
    }

    @Test
    void aUserChangedOnOneInstanceIsHonouredByTheWorkerWithinFiveSeconds() {
        String before = "before-" + UUID.randomUUID() + "@example.com";
        String after = "after-" + UUID.randomUUID() + "@example.com";
        String user = userCachedByTheWorker(before, "first");
        var workerCache = worker.getBean(CacheManager.class).getCache("recipients");

        assertThat(client(api2).call("PUT", "/api/v1/users/" + user, "{\"email\":\"" + after + "\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> workerCache.get(user) == null);

        assertThat(client(api1).call("POST", "/api/v1/notifications",
                email(user, "evt-" + UUID.randomUUID(), "second")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(after).size() == 1);
        assertThat(bodiesReceivedBy(after)).containsExactly("second");
        assertThat(bodiesReceivedBy(before)).containsExactly("first");
    }

    /**
     * A template saved on one api instance words what the worker sends (its version and locale
     * recorded in PostgreSQL), and retired there it is refused by the other api instance, which had
     * it cached, within five seconds.
     */
    @Test
    void aTemplateRetiredOnOneInstanceIsRefusedByTheOtherWithinFiveSeconds() {
        String template = "shipped-" + UUID.randomUUID();
        assertThat(client(api1).call("PUT", "/api/v1/templates/" + template, """
                {"defaultLocale": "en", "locales": {"en": {"email": {"subject": "Order {{id}}", "text": "en {{id}}"}},
                 "ko-KR": {"email": {"subject": "주문 {{id}}", "text": "ko {{id}}"}}}}""").status()).isEqualTo(201);
        String address = "templated-" + UUID.randomUUID() + "@example.com";
        String user = "user-" + UUID.randomUUID();
        assertThat(client(api1).call("PUT", "/api/v1/users/" + user,
                "{\"email\":\"" + address + "\",\"locale\":\"ko-KR\"}").status()).isEqualTo(200);
        String templated = "{\"eventId\":\"evt-" + UUID.randomUUID() + "\",\"userId\":\"" + user
                + "\",\"template\":\"" + template + "\",\"params\":{\"id\":7}}";
        Response accepted = client(api2).call("POST", "/api/v1/notifications", templated);
        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1);
        assertThat(bodiesReceivedBy(address)).containsExactly("ko 7");
        await().atMost(Duration.ofSeconds(10)).until(() -> client(api2).call("GET", "/api/v1/notifications/"
                + accepted.json().path("notificationId").asText(), null).json().path("deliveries").path(0)
                .path("locale").asText().equals("ko-KR"));

        assertThat(client(api1).call("DELETE", "/api/v1/templates/" + template, null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> client(api2).call("POST", "/api/v1/notifications",
                templated.replace("evt-", "evt-again-")).status() == 400);
    }

    /**
     * A category saved on one api instance caps what the worker sends of it, counted in Redis: the
     * notifications arrive through both api instances, the third within the hour is skipped, and
     * the user's sorted set holds the two delivery ids sent.
     */
    @Test
    void aCapSavedOnOneInstanceIsCountedInRedisForNotificationsThroughEither() {
        String category = "digest-" + UUID.randomUUID();
        Response saved = client(api1).call("PUT", "/api/v1/categories/" + category,
                "{\"caps\": [{\"channel\": \"email\", \"max\": 2, \"per\": \"PT1H\"}]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String address = "capped-" + UUID.randomUUID() + "@example.com";
        String user = userWithEmail(client(api1), address);

        List<String> ids = new ArrayList<>();
        for (HubClient api : List.of(client(api1), client(api2), client(api1))) {
            Response accepted = api.call("POST", "/api/v1/notifications", "{\"eventId\":\"evt-" + UUID.randomUUID()
                    + "\",\"userId\":\"" + user + "\",\"category\":\"" + category + "\",\"channels\":[\"email\"],"
                    + "\"body\":\"news " + ids.size() + "\"}");
            assertThat(accepted.status()).isEqualTo(202);
            String id = accepted.json().path("notificationId").asText();
            ids.add(id);
            await().atMost(Duration.ofSeconds(20)).until(() -> !List.of("ACCEPTED", "IN_PROGRESS").contains(
                    client(api2).call("GET", "/api/v1/notifications/" + id, null).json().path("status").asText()));
        }

        JsonNode third = client(api2).call("GET", "/api/v1/notifications/" + ids.get(2), null).json()
                .path("deliveries").path(0);
        assertThat(third.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(third.path("reason").asText()).isEqualTo("FREQUENCY_CAPPED");
        assertThat(bodiesReceivedBy(address)).containsExactly("news 0", "news 1");
        var redis = worker.getBean(StringRedisTemplate.class);
        assertThat(redis.opsForZSet().size(redisPrefix + "cap:" + category + ":email:" + user)).isEqualTo(2);
    }

    @Test
    void aCategoryChangedOnOneInstanceIsDroppedFromTheWorkersCacheWithinSeconds() {
        String name = "alerts-" + UUID.randomUUID();
        assertThat(client(api1).call("PUT", "/api/v1/categories/" + name, "{\"priority\": \"normal\"}").status())
                .isEqualTo(200);
        Categories categories = worker.getBean(Categories.class);
        var workerCache = worker.getBean(CacheManager.class).getCache("categories");
        // cached by the worker and still cached a second later: the PUT's own announcement, which
        // may arrive after the first lookup and drop it, has passed
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertThat(categories.lookup(name).priority()).isEqualTo(Priority.NORMAL);
            Thread.sleep(1_000);
            return workerCache.get(name) != null;
        });

        assertThat(client(api2).call("PUT", "/api/v1/categories/" + name, "{\"priority\": \"bulk\"}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> workerCache.get(name) == null);
        assertThat(categories.lookup(name).priority()).isEqualTo(Priority.BULK);
    }

    /**
     * A delivery held for the user's quiet hours waits in PostgreSQL, not in the worker, and is sent
     * once its due time passes (moved here by hand, rather than waited for).
     */
    @Test
    void aDeliveryHeldForQuietHoursWaitsInPostgresAndIsSentWhenDue() {
        HubClient api = client(api1);
        String address = "sleeper-" + UUID.randomUUID() + "@example.com";
        String user = "user-" + UUID.randomUUID();
        assertThat(api.call("PUT", "/api/v1/users/" + user,
                "{\"email\":\"" + address + "\",\"timezone\":\"America/New_York\"}").status()).isEqualTo(200);
        var now = ZonedDateTime.now(ZoneId.of("America/New_York")).toLocalTime();
        DateTimeFormatter hhMm = DateTimeFormatter.ofPattern("HH:mm");
        Response quiet = api.call("PUT", "/api/v1/users/" + user + "/preferences", "{\"quietHours\": {\"start\": \""
                + now.minusHours(1).format(hhMm) + "\", \"end\": \"" + now.plusHours(3).format(hhMm)
                + "\", \"channels\": [\"email\"]}}");
        assertThat(quiet.status()).as(quiet.body()).isEqualTo(200);

        Response accepted = api.call("POST", "/api/v1/notifications", email(user, "evt-" + UUID.randomUUID(), "morning"));
        String id = accepted.json().path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEFERRED".equals(api.call("GET",
                "/api/v1/notifications/" + id, null).json().path("deliveries").path(0).path("status").asText()));
        JdbcClient db = JdbcClient.create(worker.getBean(javax.sql.DataSource.class));
        assertThat(db.sql("select count(*) from deferred_delivery where user_id = ?").param(user).query(Integer.class)
                .single()).isOne();
        assertThat(bodiesReceivedBy(address)).isEmpty();

        db.sql("update deferred_delivery set due_at = ? where user_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), user).update();

        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(api.call("GET",
                "/api/v1/notifications/" + id, null).json().path("deliveries").path(0).path("status").asText()));
        assertThat(db.sql("select count(*) from deferred_delivery where user_id = ?").param(user).query(Integer.class)
                .single()).isZero();
        assertThat(bodiesReceivedBy(address)).containsExactly("morning");
    }

    /**
     * Scheduled through one api instance: a row of PostgreSQL while it waits, shown SCHEDULED by the
     * other, and sent by the worker at its sendAt, no sooner.
     */
    @Test
    void aScheduledNotificationWaitsInPostgresAndIsSentAtItsSendAt() {
        String address = "scheduled-" + UUID.randomUUID() + "@example.com";
        String user = "user-" + UUID.randomUUID();
        assertThat(client(api1).call("PUT", "/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status())
                .isEqualTo(200);
        Instant sendAt = Instant.now().plusSeconds(10);
        String request = email(user, "evt-" + UUID.randomUUID(), "on time");
        Response accepted = client(api1).call("POST", "/api/v1/notifications",
                request.substring(0, request.length() - 1) + ",\"sendAt\":\"" + sendAt + "\"}");
        assertThat(accepted.json().path("status").asText()).isEqualTo("SCHEDULED");
        String id = accepted.json().path("notificationId").asText();
        JdbcClient db = JdbcClient.create(worker.getBean(javax.sql.DataSource.class));
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                "select count(*) from scheduled_notification where notification_id = ?").param(id)
                .query(Integer.class).single() == 1);
        assertThat(client(api2).call("GET", "/api/v1/notifications/" + id, null).json().path("status").asText())
                .isEqualTo("SCHEDULED");

        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesReceivedBy(address).size() == 1);
        assertThat(Instant.now()).isAfterOrEqualTo(sendAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(client(api2).call("GET",
                "/api/v1/notifications/" + id, null).json().path("status").asText()));
        assertThat(db.sql("select count(*) from scheduled_notification where notification_id = ?").param(id)
                .query(Integer.class).single()).isZero();
        assertThat(bodiesReceivedBy(address)).containsExactly("on time");
    }

    /** Canceled on the other api instance than took it: gone from PostgreSQL, and the worker knows it canceled. */
    @Test
    void aScheduledNotificationCanceledOnAnotherInstanceIsNeverSent() {
        String address = "canceled-" + UUID.randomUUID() + "@example.com";
        String user = "user-" + UUID.randomUUID();
        assertThat(client(api1).call("PUT", "/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status())
                .isEqualTo(200);
        String request = email(user, "evt-" + UUID.randomUUID(), "never");
        String id = client(api1).call("POST", "/api/v1/notifications", request.substring(0, request.length() - 1)
                + ",\"sendAt\":\"" + Instant.now().plusSeconds(3600) + "\"}").json().path("notificationId").asText();
        JdbcClient db = JdbcClient.create(worker.getBean(javax.sql.DataSource.class));
        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                "select count(*) from scheduled_notification where notification_id = ?").param(id)
                .query(Integer.class).single() == 1);

        Response canceled = client(api2).call("DELETE", "/api/v1/notifications/" + id, null);

        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");
        assertThat(db.sql("select count(*) from scheduled_notification where notification_id = ?").param(id)
                .query(Integer.class).single()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.getBean(CanceledNotifications.class).contains(id));
        assertThat(client(api1).call("GET", "/api/v1/notifications/" + id, null).json().path("status").asText())
                .isEqualTo("CANCELED");
    }

    /**
     * Erased on one api instance: gone from PostgreSQL's delivery log (its day partitions) and the
     * worker's cache within seconds, and what the worker had queued for the user is not sent.
     */
    @Test
    void aUserErasedOnOneInstanceIsGoneFromPostgresAndTheWorkerSendsThemNothingMore() throws Exception {
        String address = "erased-" + UUID.randomUUID() + "@example.com";
        String user = userCachedByTheWorker(address, "sent");
        var workerCache = worker.getBean(CacheManager.class).getCache("recipients");
        CamelContext workerRoutes = worker.getBean(CamelContext.class);
        workerRoutes.getRouteController().stopRoute("deliver-email");
        try {
            Response queued = client(api1).call("POST", "/api/v1/notifications",
                    email(user, "evt-" + UUID.randomUUID(), "queued"));
            await().atMost(Duration.ofSeconds(20)).until(() -> client(api1).call("GET", "/api/v1/notifications/"
                    + queued.json().path("notificationId").asText(), null).json().path("status").asText()
                    .equals("IN_PROGRESS"));
            assertThat(client(api2).call("DELETE", "/api/v1/users/" + user, null).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(5)).until(() -> workerCache.get(user) == null);
        } finally {
            workerRoutes.getRouteController().startRoute("deliver-email");
        }

        JdbcClient db = JdbcClient.create(worker.getBean(javax.sql.DataSource.class));
        assertThat(db.sql("select count(*) from delivery where user_id = ?").param(user).query(Integer.class).single())
                .isZero();
        assertThat(db.sql("select count(*) from notification where user_ids like ?").param("%" + user + "%")
                .query(Integer.class).single()).isZero();
        String control = "control-" + UUID.randomUUID() + "@example.com";
        assertThat(client(api1).call("POST", "/api/v1/notifications",
                email(userWithEmail(client(api1), control), "evt-" + UUID.randomUUID(), "control")).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(control).size() == 1);
        assertThat(bodiesReceivedBy(address)).containsExactly("sent");
    }

    @Test
    void retentionDropsDaysOlderThanRetentionAndKeepsTodayAndTheNextDays() {
        JdbcClient db = JdbcClient.create(worker.getBean(javax.sql.DataSource.class));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(40);
        String oldPartition = "delivery_" + old.format(DateTimeFormatter.BASIC_ISO_DATE);
        // its outcome and event first: retention, running every second, could drop the partition in between
        db.sql("insert into delivery_outcome (delivery_id, status, attempts, updated_at) "
                        + "values ('old-delivery', 'SENT', 1, ?)")
                .param(old.atTime(12, 1).atOffset(ZoneOffset.UTC))
                .update();
        db.sql("insert into delivery_event (delivery_id, type, occurred_at) values ('old-delivery', 'opened', ?)")
                .param(old.atTime(12, 2).atOffset(ZoneOffset.UTC))
                .update();
        db.sql("create table " + oldPartition + " partition of delivery for values from ('" + old
                + "T00:00Z') to ('" + old.plusDays(1) + "T00:00Z')").update();
        db.sql("insert into delivery (delivery_id, notification_id, user_id, channel, status, attempts, created_at, "
                        + "updated_at) values ('old-delivery', 'old-notification', 'old-user', 'email', 'SENT', 1, ?, ?)")
                .params(old.atTime(12, 0).atOffset(ZoneOffset.UTC), old.atTime(12, 0).atOffset(ZoneOffset.UTC))
                .update();

        await().atMost(Duration.ofSeconds(10)).until(() -> partitions(db).stream().noneMatch(oldPartition::equals));
        assertThat(partitions(db)).contains(
                "delivery_" + today.format(DateTimeFormatter.BASIC_ISO_DATE),
                "delivery_" + today.plusDays(2).format(DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(db.sql("select count(*) from delivery where delivery_id = 'old-delivery'").query(Integer.class)
                .single()).isZero();
        assertThat(db.sql("select count(*) from delivery_outcome where delivery_id = 'old-delivery'")
                .query(Integer.class).single()).as("its outcome went with it").isZero();
        assertThat(db.sql("select count(*) from delivery_event where delivery_id = 'old-delivery'")
                .query(Integer.class).single()).as("its event went with it").isZero();
    }

    @Test
    void productionListensOnEveryInterfaceAsAContainersPortMust() {
        var connector = ((TomcatWebServer) ((WebServerApplicationContext) api1).getWebServer()).getTomcat()
                .getConnector();
        assertThat(connector.getProperty("address")).isNull();
    }

    @Test
    void retentionDeletesNotificationsDeadLettersAndAuditEntriesOlderThanTheirRetentionAndKeepsNewerOnes() {
        JdbcClient db = JdbcClient.create(worker.getBean(javax.sql.DataSource.class));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (var age : Map.of("old", now.minusDays(366), "recent", now.minusDays(364)).entrySet()) {
            db.sql("insert into audit_entry (client_id, key_id, action, target, remote_address, recorded_at) "
                            + "values ('configured', 'configured', 'client.created', ?, '127.0.0.1', ?)")
                    .params(age.getKey() + "-retention-test", age.getValue())
                    .update();
        }
        for (var age : Map.of("old", now.minusDays(31), "recent", now.minusDays(29)).entrySet()) {
            String id = age.getKey() + "-" + UUID.randomUUID().toString().substring(0, 24); // ids are 36 at most
            db.sql("insert into notification (notification_id, event_id, user_ids, body, priority, created_at) "
                            + "values (?, ?, 'retention-test', 'what the user was told', 'high', ?)")
                    .params(id, id, age.getValue())
                    .update();
            db.sql("insert into dead_letter (delivery_id, notification_id, user_id, channel, provider, status, "
                            + "attempts, history, payload, dead_at) values (?, ?, 'retention-test', 'email', 'email', "
                            + "'DEAD_LETTERED', 8, '[]', '{}', ?)")
                    .params(id, id, age.getValue())
                    .update();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("select count(*) from notification "
                + "where notification_id like 'old-%'").query(Integer.class).single() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("select count(*) from dead_letter "
                + "where delivery_id like 'old-%'").query(Integer.class).single() == 0);
        assertThat(db.sql("select count(*) from notification where notification_id like 'recent-%'")
                .query(Integer.class).single()).isOne();
        assertThat(db.sql("select count(*) from dead_letter where delivery_id like 'recent-%'")
                .query(Integer.class).single()).isOne();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("select count(*) from audit_entry "
                + "where target = 'old-retention-test'").query(Integer.class).single() == 0);
        assertThat(db.sql("select count(*) from audit_entry where target = 'recent-retention-test'")
                .query(Integer.class).single()).isOne();
    }

    private static List<String> partitions(JdbcClient db) {
        return db.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = 'delivery'::regclass").query(String.class).list();
    }

    @Test
    void withRedisAwayIntakeAnswers503WithRetryAfterAndAcceptsNothing() {
        String address = "no-redis-" + UUID.randomUUID() + "@example.com";
        String user = userWithEmail(client(apiWithoutRedis), address);
        String request = email(user, "evt-" + UUID.randomUUID(), "after the outage");

        Response refused = client(apiWithoutRedis).call("POST", "/api/v1/notifications", request);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.json().path("status").asInt()).isEqualTo(503);

        // the client's retry on an instance that reaches Redis is accepted and delivered once
        assertThat(client(api1).call("POST", "/api/v1/notifications", request).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodiesReceivedBy(address).size() == 1);
        assertThat(bodiesReceivedBy(address)).containsExactly("after the outage");
    }

    @Test
    void anApiInstanceWithoutRedisIsNotReadyNamingItAndAWorkerNeverChecksRedis() {
        Response notReady = client(apiWithoutRedis).call("GET", "/actuator/health/readiness", null);
        assertThat(notReady.status()).isEqualTo(503);
        JsonNode dependencies = notReady.json().path("components").path("dependencies").path("components");
        assertThat(dependencies.path("redis").path("status").asText()).isEqualTo("DOWN");
        assertThat(dependencies.path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(client(apiWithoutRedis).call("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);

        Response ready = client(api1).call("GET", "/actuator/health/readiness", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("components").path("dependencies").path("components").has("redis")).isTrue();

        Response workerReady = client(worker).call("GET", "/actuator/health/readiness", null);
        assertThat(workerReady.status()).isEqualTo(200);
        List<String> checked = new ArrayList<>();
        client(worker).call("GET", "/actuator/health/outages", null).json().path("components")
                .path("dependencies").path("components").fieldNames().forEachRemaining(checked::add);
        assertThat(checked).containsExactlyInAnyOrder("kafka", "database");
    }

    @Test
    void aClientsLimitsAreOneBucketForEveryInstance() {
        String clientId = client(api1).createClient("limited-" + UUID.randomUUID(), "send");
        client(api1).setLimits(clientId, "{\"deliveriesPerSecond\": 1}");
        String key = client(api1).issueKey(clientId, null).path("key").asText();
        List<String> users = IntStream.range(0, 30).mapToObj(i -> "nobody-" + UUID.randomUUID()).toList();

        // 30 deliveries at 1 per second: they pass while the bucket is full, and 29 are owed
        Response bulk = client(api1).with(key).call("POST", "/api/v1/notifications", "{\"eventId\":\"evt-"
                + UUID.randomUUID() + "\",\"userIds\":[\"" + String.join("\",\"", users)
                + "\"],\"channels\":[\"email\"],\"body\":\"bulk\"}");
        assertThat(bulk.status()).isEqualTo(202);
        Response refused = client(api2).with(key).call("POST", "/api/v1/notifications",
                email(users.get(0), "evt-" + UUID.randomUUID(), "one more"));

        assertThat(refused.status()).as("the other instance takes from the same bucket").isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(20, 30);
    }

    @Test
    void withRedisAwayALimitedClientIsServedUncheckedAndCounted() {
        String clientId = client(api1).createClient("unchecked-" + UUID.randomUUID(), "users:read");
        client(api1).setLimits(clientId, "{\"requestsPerSecond\": 1}");
        HubClient limited = client(apiWithoutRedis).with(client(api1).issueKey(clientId, null).path("key").asText());

        for (int i = 0; i < 3; i++) {
            assertThat(limited.call("GET", "/api/v1/users/nobody", null).status()).as("served").isEqualTo(404);
        }
        String metrics = client(apiWithoutRedis).call("GET", "/actuator/prometheus", null).body();
        assertThat(Prometheus.sum(metrics, "notify_limits_unchecked_total", Map.of("limit", "requests")))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void topicsAreCreatedWithTheirConfiguredPartitionCounts() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("notify.email", "notify.apns", "notify.cache-invalidations")).allTopicNames().get();
            assertThat(topics.get("notify.email").partitions()).hasSize(2);
            assertThat(topics.get("notify.apns").partitions()).hasSize(4);
            assertThat(topics.get("notify.cache-invalidations").partitions()).hasSize(1);
        }
    }
}
