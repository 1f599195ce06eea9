import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running hub over REST the way a backend would, and reads back what its sandbox
 * providers received. Phase 1 sends N notifications as fast as C concurrent clients can;
 * phase 2 offers a steady rate and measures accept-to-receipt latency. With BENCH_INTAKE_ONLY=1
 * (a hub running the api role alone, which delivers nothing) only acceptance is measured.
 *
 * java bench/NotifyBench.java <baseUrl> <apiKey> <count> <concurrency> <rate> <seconds> [warmup]
 */
public class NotifyBench {

    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\":\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile(
            "\"notificationId\":\"([^\"]+)\".*?\"receivedAt\":\"([^\"]+)\"");

    private static final boolean INTAKE_ONLY = "1".equals(System.getenv("BENCH_INTAKE_ONLY"));

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    NotifyBench(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        var bench = new NotifyBench(args[0], args[1]);
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 10_000;
        // The JIT needs tens of thousands of requests on 2 cores before the figures settle.
        System.out.printf("warm-up: %d notifications%n", warmup);
        bench.throughput("warmup-" + run, warmup, concurrency);

        System.out.printf("phase 1: %d notifications, %d concurrent clients, full speed%n", count, concurrency);
        bench.throughput("burst-" + run, count, concurrency);

        System.out.printf("phase 2: %d notifications/s offered for %d s%n", rate, seconds);
        bench.latency("steady-" + run, rate, seconds);
    }

    private void throughput(String user, int count, int concurrency) throws Exception {
        createUser(user);
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                int n = i;
                clients.submit(() -> {
                    try {
                        send(user, n, accepted, failures);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        Instant sendStart = Instant.now().minusNanos(System.nanoTime() - start);
        System.out.printf("  accepted %d in %.2f s = %.0f notifications/s (%d failed)%n",
                accepted.size(), acceptSeconds, accepted.size() / acceptSeconds, failures.get());
        if (INTAKE_ONLY) {
            return;
        }
        Map<String, Instant> delivered = awaitDelivered(user, accepted.keySet(), Duration.ofSeconds(120));
        Instant lastReceipt = delivered.values().stream().max(Instant::compareTo).orElse(sendStart);
        double deliverSeconds = Duration.between(sendStart, lastReceipt).toNanos() / 1e9;
        System.out.printf("  delivered %d (push + email each) in %.2f s = %.0f notifications/s end to end%n",
                delivered.size(), deliverSeconds, delivered.size() / deliverSeconds);
        report(accepted, delivered);
    }

    private void latency(String user, int rate, int seconds) throws Exception {
        createUser(user);
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        int count = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                int n = i;
                clients.submit(() -> send(user, n, accepted, failures));
            }
        }
        double offeredSeconds = (System.nanoTime() - start) / 1e9;
        if (INTAKE_ONLY) {
            System.out.printf("  offered %d in %.2f s, accepted %d (%d failed)%n",
                    count, offeredSeconds, accepted.size(), failures.get());
            return;
        }
        Map<String, Instant> delivered = awaitDelivered(user, accepted.keySet(), Duration.ofSeconds(120));
        System.out.printf("  offered %d in %.2f s, accepted %d (%d failed), delivered %d%n",
                count, offeredSeconds, accepted.size(), failures.get(), delivered.size());
        report(accepted, delivered);
    }

    private void send(String user, int n, Map<String, Instant> accepted, AtomicInteger failures) {
        String body = "{\"eventId\":\"" + user + "-" + n + "\",\"userId\":\"" + user
                + "\",\"channels\":[\"push\",\"email\"],\"title\":\"벤치마크 " + n + "\",\"body\":\"bench 🚀 " + n
                + "\",\"data\":{\"n\":\"" + n + "\"}}";
        try {
            HttpResponse<String> response = http.send(request("/api/v1/notifications")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Instant at = Instant.now();
            Matcher id = NOTIFICATION_ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                accepted.put(id.group(1), at);
            } else {
                failures.incrementAndGet();
            }
        } catch (Exception e) {
            failures.incrementAndGet();
        }
    }

    /** A notification counts as delivered when both its push and its email reached the sandbox. */
    private Map<String, Instant> awaitDelivered(String user, java.util.Set<String> ids, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Instant> push = receipts(iosToken(user));
            Map<String, Instant> email = receipts(user + "@bench.example");
            Map<String, Instant> both = new HashMap<>();
            for (String id : ids) {
                Instant p = push.get(id);
                Instant e = email.get(id);
                if (p != null && e != null) {
                    both.put(id, p.isAfter(e) ? p : e);
                }
            }
            if (both.size() == ids.size() || System.nanoTime() > deadline) {
                return both;
            }
            Thread.sleep(500);
        }
    }

    private Map<String, Instant> receipts(String to) throws Exception {
        String json = http.send(request("/api/v1/sandbox/messages?to=" + java.net.URLEncoder.encode(to, "UTF-8"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Instant> receipts = new HashMap<>();
        for (String message : json.split("\\},\\{\"deliveryId\"")) {
            Matcher m = RECEIPT.matcher(message);
            if (m.find()) {
                receipts.put(m.group(1), Instant.parse(m.group(2)));
            }
        }
        return receipts;
    }

    private static void report(Map<String, Instant> accepted, Map<String, Instant> delivered) {
        List<Long> micros = new ArrayList<>();
        delivered.forEach((id, at) -> micros.add(Duration.between(accepted.get(id), at).toNanos() / 1000));
        if (micros.isEmpty()) {
            System.out.println("  nothing delivered");
            return;
        }
        Collections.sort(micros);
        System.out.printf("  accept -> sandbox receipt (both channels): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(micros, 50), percentile(micros, 99), micros.get(micros.size() - 1) / 1000.0);
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private void createUser(String user) throws Exception {
        check(http.send(request("/api/v1/users/" + user).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"" + user + "@bench.example\"}")).build(), HttpResponse.BodyHandlers.ofString()));
        check(http.send(request("/api/v1/users/" + user + "/devices").POST(HttpRequest.BodyPublishers.ofString(
                "{\"platform\":\"ios\",\"token\":\"" + iosToken(user) + "\"}")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** APNs device tokens are 64 hex digits; the sandbox APNs server refuses anything else. */
    private static String iosToken(String user) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(user.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("setup failed: " + response.statusCode() + " " + response.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
    }
}
