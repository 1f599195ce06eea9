import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offers a running hub a fixed rate of single notifications (push only, one iOS device each, spread
 * over {@code users} users) on a fixed schedule, records when each 202 arrived, and reads back when
 * each push reached the sandbox APNs peer: p50/p99/max of accept -> SENT. A warm-up at the same rate
 * comes first. The hub's CPU seconds (from /proc/<pid>/stat) are taken over the measured window: from
 * the first request until the SENT counter last grew; the sandbox is read after that window.
 *
 * java bench/LatencyBench.java <baseUrl> <apiKey> <rate> <seconds> <warmupSeconds> <users> <hubPid> <clkTck>
 */
public class LatencyBench {

    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\":\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile(
            "\"notificationId\":\"([^\"]+)\".*?\"receivedAt\":\"([^\"]+)\"");
    private static final Pattern SENT = Pattern.compile(
            "(?m)^notify_deliveries_total\\{[^}]*status=\"sent\"[^}]*} (\\S+)$");

    private final String base;
    private final String key;
    private final int users;
    private final Path stat;
    private final double clkTck;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    LatencyBench(String base, String key, int users, long hubPid, double clkTck) {
        this.base = base;
        this.key = key;
        this.users = users;
        this.stat = Path.of("/proc", Long.toString(hubPid), "stat");
        this.clkTck = clkTck;
    }

    /** What one offering gave: when each 202 arrived, by notificationId, and the other answers. */
    record Offered(int count, double seconds, double answeredSeconds, Map<String, Instant> accepted,
            Map<String, AtomicInteger> refused) {}

    /** When the SENT counter last grew, its value then, and the hub's CPU seconds then. */
    record Sent(long count, long atNanos, double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmupSeconds = Integer.parseInt(args[4]);
        var bench = new LatencyBench(args[0], args[1], Integer.parseInt(args[5]), Long.parseLong(args[6]),
                Double.parseDouble(args[7]));
        String run = Long.toString(System.currentTimeMillis(), 36);
        bench.createUsers();

        System.out.printf("warm-up: %d notifications/s offered for %d s%n", rate, warmupSeconds);
        long before = bench.sentCount();
        Offered warmup = bench.offer("lat-" + run + "-warmup", rate, warmupSeconds);
        System.out.printf("  offered %d in %.2f s (last answer at %.2f s), accepted %d, other answers %s%n",
                warmup.count(), warmup.seconds(), warmup.answeredSeconds(), warmup.accepted().size(),
                warmup.refused());
        Sent warm = bench.awaitSent(before + warmup.accepted().size());

        System.out.printf("measured: %d notifications/s offered for %d s%n", rate, seconds);
        double cpuBefore = bench.cpuSeconds();
        long start = System.nanoTime();
        Offered measured = bench.offer("lat-" + run, rate, seconds);
        Sent sent = bench.awaitSent(warm.count() + measured.accepted().size());
        long delivered = sent.count() - warm.count();
        double window = (sent.atNanos() - start) / 1e9;
        double cpu = sent.cpuSeconds() - cpuBefore;
        System.out.printf("  offered %d in %.2f s = %.0f/s (last answer at %.2f s), accepted %d, other answers %s%n",
                measured.count(), measured.seconds(), measured.count() / measured.seconds(),
                measured.answeredSeconds(), measured.accepted().size(), measured.refused());
        System.out.printf("  SENT %d, the last %.2f s after the first request (%.0f/s)%n", delivered, window,
                delivered / window);
        System.out.printf("  hub CPU: %.2f s over those %.2f s = %.2f ms per notification%n",
                cpu, window, delivered > 0 ? cpu * 1000 / delivered : 0);
        bench.report(measured.accepted());
    }

    /** Offers rate notifications/s for seconds on a fixed schedule, each request on its own virtual thread. */
    private Offered offer(String prefix, int rate, int seconds) throws Exception {
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> refused = new TreeMap<>();
        int count = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long offered;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                int n = i;
                clients.submit(() -> send(prefix, n, accepted, refused));
            }
            offered = System.nanoTime();
        }
        return new Offered(count, (offered - start) / 1e9, (System.nanoTime() - start) / 1e9, accepted, refused);
    }

    private void send(String prefix, int n, Map<String, Instant> accepted, Map<String, AtomicInteger> refused) {
        String body = "{\"eventId\":\"" + prefix + "-" + n + "\",\"userId\":\"" + user(n % users)
                + "\",\"channels\":[\"push\"],\"title\":\"latency\",\"body\":\"bench " + n + "\"}";
        String outcome;
        try {
            HttpResponse<String> response = http.send(request("/api/v1/notifications")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Instant at = Instant.now();
            Matcher id = NOTIFICATION_ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                accepted.put(id.group(1), at);
                return;
            }
            outcome = Integer.toString(response.statusCode());
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        synchronized (refused) {
            refused.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * Polls the SENT counter every 200 ms until it reached target and stayed put for a second
     * (requests that timed out may still be delivered), for at most 180 s.
     */
    private Sent awaitSent(long target) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Sent last = new Sent(sentCount(), System.nanoTime(), cpuSeconds());
        while (last.count() < target || System.nanoTime() - last.atNanos() < 1_000_000_000L) {
            if (System.nanoTime() > deadline) {
                System.out.printf("  gave up after 180 s: SENT counter at %d of %d%n", last.count(), target);
                break;
            }
            Thread.sleep(200);
            long count = sentCount();
            if (count != last.count()) {
                last = new Sent(count, System.nanoTime(), cpuSeconds());
            }
        }
        return last;
    }

    /**
     * Deliveries SENT so far: the sum of notify_deliveries_total over its status="sent" lines. Only
     * that counter is asked for: the whole page (some 1,400 series) costs the hub a scrape's work
     * each time.
     */
    private long sentCount() throws Exception {
        URI counter = URI.create(base + "/actuator/prometheus?includedNames=notify_deliveries");
        String metrics = http.send(HttpRequest.newBuilder(counter).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long sum = 0;
        for (Matcher m = SENT.matcher(metrics); m.find(); ) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** The hub's CPU seconds so far: utime + stime, fields 14 and 15 of /proc/<pid>/stat. */
    private double cpuSeconds() throws Exception {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / clkTck;
    }

    /** Reads each user's sandbox receipts and prints accept -> SENT for the accepted notifications. */
    private void report(Map<String, Instant> accepted) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String json = http.send(request("/api/v1/sandbox/messages?to="
                    + URLEncoder.encode(iosToken(user(u)), StandardCharsets.UTF_8)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String message : json.split("\\},\\{\"deliveryId\"")) {
                Matcher m = RECEIPT.matcher(message);
                if (m.find() && accepted.containsKey(m.group(1))) {
                    micros.add(Duration.between(accepted.get(m.group(1)), Instant.parse(m.group(2))).toNanos() / 1000);
                }
            }
        }
        if (micros.isEmpty()) {
            System.out.println("  no receipt in the sandbox");
            return;
        }
        Collections.sort(micros);
        System.out.printf("  accept (202 received) -> sandbox APNs receipt, %d of %d accepted: p50 %.1f ms, p99 %.1f ms,"
                + " max %.1f ms%n", micros.size(), accepted.size(), percentile(micros, 50), percentile(micros, 99),
                micros.get(micros.size() - 1) / 1000.0);
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private void createUsers() throws Exception {
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> created = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = user(u);
                created.add(clients.submit(() -> {
                    check(http.send(request("/api/v1/users/" + user).PUT(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(), HttpResponse.BodyHandlers.ofString()));
                    check(http.send(request("/api/v1/users/" + user + "/devices").POST(HttpRequest.BodyPublishers
                            .ofString("{\"platform\":\"ios\",\"token\":\"" + iosToken(user) + "\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                    return null;
                }));
            }
            for (var user : created) {
                user.get();
            }
        }
    }

    private static String user(int u) {
        return "lat-" + u;
    }

    /** APNs device tokens are 64 hex digits; the sandbox APNs server refuses anything else. */
    private static String iosToken(String user) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(user.getBytes(StandardCharsets.UTF_8)));
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
