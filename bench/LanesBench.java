import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * High priority beside a bulk backlog. POSTs {@code notifications} notifications of priority
 * {@code bulkPriority} (bulk: the bulk lane; high: the urgent lane, as every delivery shared one
 * topic before the lanes), each to the users {@code lanes-1 .. lanes-<users>} (push only, 8 POSTs
 * at a time), and meanwhile one {@code priority: high} notification per second, each to one of the
 * next ten users, until every bulk delivery is SENT. Prints the bulk deliveries SENT/s (first POST
 * to the SENT counter reaching them all) and accept (202 received) -> sandbox APNs receipt of the
 * high ones: p50, p99, max. Every round is printed: the first includes the JIT's warm-up. The
 * users and their iOS devices exist already (bench/lib.sh create_users: tokens are the user's
 * number in 64 hex digits).
 *
 * java bench/LanesBench.java <baseUrl> <apiKey> <notifications> <users> <rounds> <bulkPriority>
 */
public class LanesBench {

    private static final int URGENT_USERS = 10;
    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\":\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile(
            "\"notificationId\":\"([^\"]+)\".*?\"receivedAt\":\"([^\"]+)\"");
    private static final Pattern SENT = Pattern.compile(
            "(?m)^notify_deliveries_total\\{[^}]*status=\"sent\"[^}]*} (\\S+)$");

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    LanesBench(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        var bench = new LanesBench(args[0], args[1]);
        int notifications = Integer.parseInt(args[2]);
        int users = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String bulkPriority = args[5];
        String userIds = IntStream.rangeClosed(1, users).mapToObj(u -> "\"lanes-" + u + "\"")
                .collect(Collectors.joining(","));
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d:%n", round);
            bench.round(Long.toString(System.currentTimeMillis(), 36), notifications, users, userIds, bulkPriority);
        }
    }

    private void round(String run, int notifications, int users, String userIds, String bulkPriority)
            throws Exception {
        long bulkDeliveries = (long) notifications * users;
        long target = sentCount() + bulkDeliveries;
        Map<String, Instant> high = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(600).toNanos();
        boolean done = false;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> bulk = clients.submit(() -> postBulk(run, notifications, userIds, bulkPriority, refused));
            for (int n = 0; !done; n++) {
                String body = "{\"eventId\":\"lanes-high-" + run + "-" + n + "\",\"userId\":\"lanes-"
                        + (users + 1 + n % URGENT_USERS) + "\",\"channels\":[\"push\"],\"priority\":\"high\","
                        + "\"title\":\"code\",\"body\":\"high " + n + "\"}";
                clients.submit(() -> post(body, high, refused));
                // the SENT counter polled every 200 ms until the next high one is due
                long next = start + (n + 1) * 1_000_000_000L;
                while (!done && System.nanoTime() < next) {
                    Thread.sleep(200);
                    done = bulk.isDone() && sentCount() >= target + high.size() || System.nanoTime() > deadline;
                }
            }
            bulk.get();
        }
        double window = (System.nanoTime() - start) / 1e9;
        System.out.printf("  bulk (priority %s): %d deliveries SENT in %.2f s = %.0f/s%s; %d high-priority"
                + " notifications sent meanwhile, one a second; answers other than 202: %d%n", bulkPriority,
                bulkDeliveries, window, bulkDeliveries / window, System.nanoTime() > deadline ? " (gave up after 600 s)" : "",
                high.size(), refused.get());
        Thread.sleep(1000);
        report(high, users);
    }

    /** POSTs the bulk notifications, 8 at a time. */
    private Void postBulk(String run, int notifications, String userIds, String priority, AtomicInteger refused)
            throws Exception {
        Semaphore inFlight = new Semaphore(8);
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < notifications; n++) {
                inFlight.acquire();
                String body = "{\"eventId\":\"lanes-bulk-" + run + "-" + n + "\",\"userIds\":[" + userIds
                        + "],\"channels\":[\"push\"],\"priority\":\"" + priority + "\",\"title\":\"bulk\",\"body\":\"bulk "
                        + n + "\"}";
                clients.submit(() -> {
                    try {
                        post(body, new ConcurrentHashMap<>(), refused);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return null;
    }

    private void post(String body, Map<String, Instant> accepted, AtomicInteger refused) {
        try {
            HttpResponse<String> response = http.send(request("/api/v1/notifications")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Instant at = Instant.now();
            Matcher id = NOTIFICATION_ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                accepted.put(id.group(1), at);
                return;
            }
        } catch (Exception e) {
            // counted below
        }
        refused.incrementAndGet();
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

    /** Reads the high-priority users' sandbox receipts and prints accept -> receipt of each accepted one. */
    private void report(Map<String, Instant> accepted, int users) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int u = users + 1; u <= users + URGENT_USERS; u++) {
            String json = http.send(request("/api/v1/sandbox/messages?to="
                    + URLEncoder.encode("%064x".formatted(u), StandardCharsets.UTF_8)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String message : json.split("\\},\\{\"deliveryId\"")) {
                Matcher m = RECEIPT.matcher(message);
                if (m.find() && accepted.containsKey(m.group(1))) {
                    micros.add(Duration.between(accepted.get(m.group(1)), Instant.parse(m.group(2))).toNanos() / 1000);
                }
            }
        }
        if (micros.isEmpty()) {
            System.out.println("  high priority: no receipt in the sandbox");
            return;
        }
        Collections.sort(micros);
        System.out.printf("  high priority, accept (202 received) -> sandbox APNs receipt, %d of %d accepted:"
                + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", micros.size(), accepted.size(), percentile(micros, 50),
                percentile(micros, 99), micros.get(micros.size() - 1) / 1000.0);
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
    }
}
