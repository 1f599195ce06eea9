package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.sandbox.SandboxCertificate;
import routes.support.PackagedHub;

/**
 * Kills the hub with SIGKILL in the middle of a steady stream and starts it again on the same
 * data: every notification that was answered 202 must reach the APNs peer, no request may become
 * two notifications, and nothing logged as sent is sent again. The peer (Pushy's MockApnsServer)
 * runs in this JVM, so it outlives the hub and counts what arrived per deliveryId. Figures are
 * written to target/crash-test.txt (docs/reliability.md quotes them).
 */
class CrashIT {

    private static final Path JAR = Path.of("target/notification-hub.jar");
    private static final String TOPIC = "crash.notification-hub";
    private static final int USERS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the peer accepted: deliveryId -> arrival times, notificationId, and collapse ids. */
    private final Map<String, List<Instant>> arrivals = new ConcurrentHashMap<>();
    private final Map<String, String> notificationOf = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> collapseIds = new ConcurrentHashMap<>();

    @TempDir
    Path work;

    private MockApnsServer apns;
    private int apnsPort;
    private Path signingKey;
    private Process hub;
    private int port;
    private int kafkaPort;

    @BeforeEach
    void startThePeer() throws Exception {
        // the hub runs without the sandbox here: it trusts the peer's certificate as a file
        SandboxCertificate tls = SandboxCertificate.forLocalhost();
        apns = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {tls.certificate()}, tls.privateKey(), null)
                .setHandlerFactory(new AcceptAllPushNotificationHandlerFactory())
                .setListener(new Counter())
                .build();
        apnsPort = apns.start(0).get();
        signingKey = work.resolve("AuthKey_CRASHKEY01.p8");
        writeSigningKey(signingKey);
        Files.writeString(work.resolve("apns-ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(tls.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        port = freePort();
        kafkaPort = freePort();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
        apns.shutdown().get();
    }

    @Test
    void killDuringIntakeLosesNothingAndSendsNothingTwice() throws Exception {
        // one user per notification: the kill lands while clients are still being answered
        crashAndRecover("intake", 2500, 1, 1500, () -> true);
    }

    @Test
    void killWhileWorkersSendLosesNothingAndResendsOnlyWhatWasInFlight() throws Exception {
        // every user in each notification: intake is long done when the kill lands among 5,000 sends
        crashAndRecover("worker", 100, USERS, 100, () -> arrivals.size() >= 1500);
    }

    /**
     * Streams {@code total} notifications (one per request, each to {@code usersEach} users, 8
     * clients at once) and kills the hub once {@code killAfterAccepted} were answered 202 and
     * {@code alsoWaitFor} holds. A client whose request got no answer sends it again after the
     * restart, as any client would.
     */
    private void crashAndRecover(String stage, int total, int usersEach, int killAfterAccepted,
            BooleanSupplier alsoWaitFor) throws Exception {
        hub = startHub("first");
        List<String> users = registerUsers();
        Queue<Integer> toSend = new ConcurrentLinkedQueue<>();
        for (int n = 0; n < total; n++) {
            toSend.add(n);
        }
        Map<Integer, String> answered = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        List<Throwable> clientFailures = new CopyOnWriteArrayList<>();

        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> stream(stage, users, usersEach, toSend, answered, accepted, clientFailures));
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> accepted.get() >= killAfterAccepted && alsoWaitFor.getAsBoolean());
        hub.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush
        Instant killedAt = Instant.now();
        int acceptedBeforeKill = accepted.get();
        int arrivedBeforeKill = arrivals.size();
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        hub = startHub("second");
        ExecutorService rest = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            rest.submit(() -> stream(stage, users, usersEach, toSend, answered, accepted, clientFailures));
        }
        rest.shutdown();
        assertThat(rest.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        assertThat(clientFailures).as("answers other than 200/202").isEmpty();
        assertThat(answered).as("every request was answered in the end").hasSize(total);

        Set<String> notifications = Set.copyOf(answered.values());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> notificationOf.values().containsAll(notifications)
                        && notificationOf.size() >= notifications.size() * usersEach);
        // A delivery sent again is sent before the record that carried it is committed: once every
        // record on the APNs path is committed, the peer has received all it ever will.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(this::apnsPathCommitted);

        List<String> twice = arrivals.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
        String figures = ("%s: %d requests, %d notifications (%d answered 202 before the SIGKILL, when %d deliveries"
                + " had reached the peer); after the restart the peer holds %d distinct deliveries, %d of them twice,"
                + " %d for a notification no client was answered%n").formatted(stage, total, notifications.size(),
                acceptedBeforeKill, arrivedBeforeKill, arrivals.size(), twice.size(),
                Set.copyOf(notificationOf.values()).stream().filter(id -> !notifications.contains(id)).count());
        Files.writeString(Path.of("target/crash-test.txt"), figures, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(figures);

        assertThat(notifications).as("one notification per request, retries included").hasSize(total);
        Map<String, Long> deliveriesPerNotification = notificationOf.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(id -> id, java.util.stream.Collectors.counting()));
        assertThat(notifications).as("every accepted notification reached each of its users at the peer")
                .allSatisfy(id -> assertThat(deliveriesPerNotification.get(id)).isEqualTo((long) usersEach));
        // A request the kill caught between recording and confirming was never answered; its
        // client's retry adopts the recorded notification rather than making a second one.
        assertThat(Set.copyOf(notificationOf.values()).stream().filter(id -> !notifications.contains(id)).toList())
                .as("notifications no client was answered").isEmpty();
        // A send the provider accepted just before the kill, not yet in the delivery log, is sent
        // again (docs/reliability.md): at most the batch a worker had in flight, sent just before
        // the kill. Anything else received twice means a logged delivery was sent again.
        assertThat(twice).as("deliveries received twice: at most one worker batch").hasSizeLessThanOrEqualTo(500);
        assertThat(twice).as("every delivery received twice was first sent just before the kill at %s", killedAt)
                .allSatisfy(id -> assertThat(arrivals.get(id).get(0)).isAfter(killedAt.minusSeconds(10)));
        // ... and carried its delivery id as collapse id both times, so the device showed it once.
        assertThat(twice).as("deliveries received twice, each collapsed into one on the device")
                .allSatisfy(id -> assertThat(collapseIds.get(id)).containsExactly(id));
    }

    /** Sends until the queue is empty or the hub stops answering; an unanswered request goes back in the queue. */
    private void stream(String stage, List<String> users, int usersEach, Queue<Integer> toSend,
            Map<Integer, String> answered, AtomicInteger accepted, List<Throwable> failures) {
        Integer n;
        while ((n = toSend.poll()) != null) {
            StringBuilder userIds = new StringBuilder();
            for (int u = 0; u < usersEach; u++) {
                userIds.append(u == 0 ? "" : ",").append('"').append(users.get((n + u) % users.size())).append('"');
            }
            String body = "{\"eventId\":\"crash-" + stage + "-" + n + "\",\"userIds\":[" + userIds
                    + "],\"channels\":[\"push\"],\"body\":\"crash test " + n + "\"}";
            try {
                HttpResponse<String> answer = send("POST", "/api/v1/notifications", body);
                if (answer.statusCode() != 202 && answer.statusCode() != 200) {
                    throw new IllegalStateException("unexpected answer " + answer.statusCode() + ": " + answer.body());
                }
                answered.put(n, JSON.readTree(answer.body()).path("notificationId").asText());
                if (answer.statusCode() == 202) {
                    accepted.incrementAndGet();
                }
            } catch (IOException refusedOrCut) {
                toSend.add(n);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.add(e);
                return;
            }
        }
    }

    /** Whether fan-out and the APNs workers have committed every record on their topics. */
    private boolean apnsPathCommitted() throws Exception {
        Map<String, String> topicOfGroup = Map.of("notify-fan-out", "notify.accepted",
                "notify-deliver-apns", "notify.apns", "notify-retry-apns", "notify.apns.retry");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
            Map<String, TopicDescription> topics = admin.describeTopics(topicOfGroup.values()).allTopicNames().get();
            for (Map.Entry<String, String> groupAndTopic : topicOfGroup.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(groupAndTopic.getKey()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                topics.get(groupAndTopic.getValue()).partitions().forEach(partition -> ends.put(
                        new TopicPartition(groupAndTopic.getValue(), partition.partition()), OffsetSpec.latest()));
                for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    if ((done == null ? 0 : done.offset()) < end.getValue().offset()) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private List<String> registerUsers() throws Exception {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String user = "crash-user-" + u;
            assertThat(send("PUT", "/api/v1/users/" + user, "{}").statusCode()).isEqualTo(200);
            assertThat(send("POST", "/api/v1/users/" + user + "/devices",
                    "{\"platform\":\"ios\",\"token\":\"" + token(user) + "\"}").statusCode()).isEqualTo(201);
            users.add(user);
        }
        return users;
    }

    private Process startHub(String run) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process started = new ProcessBuilder(java, "-Xmx1g", "-jar", JAR.toString(), "--server.port=" + port,
                "--notify.embedded-kafka.port=" + kafkaPort, "--notify.data-dir=" + work.resolve("data"),
                "--notify.providers.apns.host=localhost", "--notify.providers.apns.port=" + apnsPort,
                "--notify.providers.apns.topic=" + TOPIC, "--notify.providers.apns.signing-key=" + signingKey,
                "--notify.providers.apns.key-id=CRASHKEY01", "--notify.providers.apns.team-id=CRASHTEAM1",
                "--notify.providers.apns.trusted-certificate=" + work.resolve("apns-ca.pem"))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("hub-" + run + ".log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(started.isAlive()).as(() -> PackagedHub.exited(work.resolve("hub-" + run + ".log"))).isTrue();
            try {
                return send("GET", "/actuator/health/readiness", null).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return started;
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer dev-secret-key")
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private final class Counter implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            try {
                JsonNode notify = JSON.readTree(payload.toString(StandardCharsets.UTF_8)).path("notify");
                String deliveryId = notify.path("deliveryId").asText();
                notificationOf.put(deliveryId, notify.path("notificationId").asText());
                arrivals.computeIfAbsent(deliveryId, id -> new CopyOnWriteArrayList<>()).add(Instant.now());
                CharSequence collapseId = headers.get("apns-collapse-id");
                collapseIds.computeIfAbsent(deliveryId, id -> ConcurrentHashMap.newKeySet())
                        .add(collapseId == null ? "" : collapseId.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                Instant expiration) {
            // the peer accepts everything
        }
    }

    private static String token(String seed) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
    }

    private static void writeSigningKey(Path p8) throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var key = (ECPrivateKey) generator.generateKeyPair().getPrivate();
        Files.writeString(p8, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
