import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.server.BenchmarkApnsServer;
import com.eatthepath.pushy.apns.server.BenchmarkApnsServerBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.File;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import routes.sandbox.SandboxCertificate;

/**
 * APNs throughput of the whole pipeline next to a bare Pushy client, both against Pushy's
 * BenchmarkApnsServer in this process on the same machine, in the same run.
 *
 * Both are measured in rounds of the same size, each printed: on two cores the hub's JIT compilers
 * take a quarter of the CPU for minutes after startup (JFR: C2 threads 25-33 % of the machine in
 * the first run's window), so one round measures mostly warm-up. The pipeline's last round is set
 * against bare Pushy's best.
 *
 * java -cp <hub's libraries and classes> bench/ApnsBench.java <hub jar> <work dir> <deliveries> <users> <rounds>
 *
 * The server's TLS certificate is the sandbox's, made for this run; the hub trusts it as a file.
 */
public class ApnsBench {

    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\":\"([^\"]+)\"");
    private static final String TOPIC = "bench.notification-hub";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;

    public static void main(String[] args) throws Exception {
        Path hubJar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int deliveries = Integer.parseInt(args[2]);
        int users = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        SandboxCertificate tls = SandboxCertificate.forLocalhost();
        File certificate = work.resolve("apns-ca.pem").toFile();
        Files.writeString(certificate.toPath(), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(tls.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        var serverThreads = new NioEventLoopGroup(1);
        BenchmarkApnsServer server = new BenchmarkApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {tls.certificate()}, tls.privateKey(), null)
                .setEventLoopGroup(serverThreads)
                .build();
        int port = (Integer) server.start(0).get();
        Path p8 = work.resolve("AuthKey_BENCHKEY01.p8");
        ApnsSigningKey signingKey = writeSigningKey(p8);
        System.out.printf("BenchmarkApnsServer on port %d, %d cores%n", port, Runtime.getRuntime().availableProcessors());

        double bare = barePushy(port, certificate, signingKey, deliveries, rounds);

        Process hub = startHub(hubJar, work, port, certificate, p8);
        try {
            double pipeline = throughHub(users, deliveries, rounds);
            System.out.printf("pipeline, last round: %.0f deliveries/s = %.0f%% of bare Pushy's best round (%.0f/s); target >= 25%%%n",
                    pipeline, 100 * pipeline / bare, bare);
        } finally {
            hub.destroy();
            hub.waitFor(30, TimeUnit.SECONDS);
            server.shutdown().get();
            serverThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Bare Pushy's best round. */
    private static double barePushy(int port, File certificate, ApnsSigningKey key, int deliveries, int rounds)
            throws Exception {
        var clientThreads = new NioEventLoopGroup(1);
        ApnsClient client = new ApnsClientBuilder()
                .setApnsServer("localhost", port)
                .setTrustedServerCertificateChain(certificate)
                .setSigningKey(key)
                .setEventLoopGroup(clientThreads)
                .build();
        String payload = new SimpleApnsPayloadBuilder().setAlertTitle("bench").setAlertBody("bare pushy").build();
        double best = 0;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            int failed = sendBare(client, payload, deliveries);
            double rate = deliveries / ((System.nanoTime() - start) / 1e9);
            System.out.printf("bare Pushy, round %d: %d notifications (%d refused) at %.0f/s%n", round, deliveries, failed, rate);
            best = Math.max(best, rate);
        }
        client.close().get();
        clientThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        return best;
    }

    private static int sendBare(ApnsClient client, String payload, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(1000);
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            client.sendNotification(new SimpleApnsPushNotification(token("bare-" + (i % 1000)), TOPIC, payload))
                    .whenComplete((response, failure) -> {
                        if (failure != null || !response.isAccepted()) {
                            refused.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(1000);
        return refused.get();
    }

    private static Process startHub(Path jar, Path work, int apnsPort, File certificate, Path p8) throws Exception {
        base = "http://localhost:18080";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms2g", "-Xmx2g"));
        String options = System.getenv("HUB_JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=18080", "--notify.embedded-kafka.port=19092",
                "--notify.data-dir=" + work.resolve("data"),
                "--notify.providers.apns.host=localhost", "--notify.providers.apns.port=" + apnsPort,
                "--notify.providers.apns.topic=" + TOPIC,
                "--notify.providers.apns.signing-key=" + p8,
                "--notify.providers.apns.key-id=BENCHKEY01", "--notify.providers.apns.team-id=BENCHTEAM1",
                "--notify.providers.apns.trusted-certificate=" + certificate));
        Process hub = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("hub.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) {
                    return hub;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (!hub.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("hub did not start; see " + work.resolve("hub.log"));
            }
            Thread.sleep(200);
        }
    }

    /** The pipeline's last round. */
    private static double throughHub(int users, int deliveries, int rounds) throws Exception {
        StringBuilder everyone = new StringBuilder();
        for (int u = 0; u < users; u++) {
            String user = "apns-bench-" + u;
            send("PUT", "/api/v1/users/" + user, "{}");
            send("POST", "/api/v1/users/" + user + "/devices", "{\"platform\":\"ios\",\"token\":\"" + token(user) + "\"}");
            everyone.append(u == 0 ? "" : ",").append('"').append(user).append('"');
        }
        String userIds = everyone.toString();
        int notifications = deliveries / users;
        double rate = 0;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            sendNotifications(userIds, notifications, "round" + round);
            awaitSent((long) round * notifications * users);
            rate = notifications * users / ((System.nanoTime() - start) / 1e9);
            System.out.printf("pipeline, round %d: %d notifications to %d users with one iOS device each = %d deliveries at %.0f/s%n",
                    round, notifications, users, notifications * users, rate);
        }
        return rate;
    }

    private static void sendNotifications(String userIds, int count, String run) throws Exception {
        for (int n = 0; n < count; n++) {
            String body = send("POST", "/api/v1/notifications", "{\"eventId\":\"apns-bench-" + run + "-" + n
                    + "-" + System.nanoTime() + "\",\"userIds\":[" + userIds + "],\"channels\":[\"push\"],"
                    + "\"title\":\"벤치마크\",\"body\":\"APNs bench " + n + "\"}");
            if (!NOTIFICATION_ID.matcher(body).find()) {
                throw new IllegalStateException("not accepted: " + body);
            }
        }
    }

    /**
     * Until the hub counted {@code sent} deliveries SENT in all (notify_deliveries_total, as the other
     * benches read it: the status API would add a query of the delivery log per notification to what
     * is measured); fails once a minute passes without one more.
     */
    private static void awaitSent(long sent) throws Exception {
        long counted = 0;
        long progressAt = System.nanoTime();
        while (true) {
            long now = sentSoFar();
            if (now >= sent) {
                return;
            }
            if (now > counted) {
                counted = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > TimeUnit.MINUTES.toNanos(1)) {
                throw new IllegalStateException("only " + now + " of " + sent + " deliveries SENT, none more in a minute");
            }
            Thread.sleep(100);
        }
    }

    /** notify_deliveries_total summed over its status="sent" series. */
    private static long sentSoFar() throws Exception {
        long sent = 0;
        for (String line : send("GET", "/actuator/prometheus?includedNames=notify_deliveries", null).split("\n")) {
            if (line.startsWith("notify_deliveries_total{") && line.contains("status=\"sent\"")) {
                sent += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sent;
    }

    private static ApnsSigningKey writeSigningKey(Path p8) throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var key = (ECPrivateKey) generator.generateKeyPair().getPrivate();
        Files.writeString(p8, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new ApnsSigningKey("BENCHKEY01", "BENCHTEAM1", key);
    }

    private static String token(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String send(String method, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer dev-secret-key")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60));
    }
}
