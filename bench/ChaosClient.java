import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of bench/chaos: offers <rate> new email notifications a second for <seconds> (each
 * with a new eventId, to one of <users> users chaos-1..n, whose address is chaos-<i>@bench.test), as
 * a backend that honours Retry-After does: an answer with Retry-After (503, 409 while the first copy
 * is in flight, 429) is sent again with the same eventId once it has passed, a request that got no answer (the hub restarting, a 15 s timeout) after a
 * second. Other answers are not retried. Once the offer ends, refused requests are retried for up
 * to a minute more. Writes the accepted eventIds to <accepted file> and prints the answers per
 * window: each <name>:<from>:<to> (seconds since the start) and the time outside them.
 *
 * java bench/ChaosClient.java <baseUrl> <apiKey> <rate> <seconds> <users> <accepted file> [name:from:to ...]
 */
public class ChaosClient {

    private record Window(String name, long fromMillis, long toMillis) {}

    private final String base;
    private final String key;
    private final int users;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private record Answer(long at, String what) {}

    private static final Pattern DETAIL = Pattern.compile("\"detail\":\"([^\"]*)\"");

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Window> windows = new ArrayList<>();
    private final AtomicInteger lost = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(64);
    private final Map<String, Integer> unanswered = new ConcurrentHashMap<>();
    private long started;

    ChaosClient(String base, String key, int users) {
        this.base = base;
        this.key = key;
        this.users = users;
    }

    public static void main(String[] args) throws Exception {
        ChaosClient client = new ChaosClient(args[0], args[1], Integer.parseInt(args[4]));
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        for (int i = 6; i < args.length; i++) {
            String[] window = args[i].split(":");
            client.windows.add(new Window(window[0], Long.parseLong(window[1]) * 1000, Long.parseLong(window[2]) * 1000));
        }
        client.run(rate, seconds);
        Files.write(Path.of(args[5]), client.accepted);
        client.report();
        System.exit(0);
    }

    private void run(int rate, int seconds) throws InterruptedException {
        started = System.currentTimeMillis();
        System.out.println("started " + started);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        var offer = timer.scheduleAtFixedRate(() -> send("evt-" + UUID.randomUUID()), 0, periodNanos,
                TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L);
        offer.cancel(false);
        long deadline = System.currentTimeMillis() + 180_000;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    private void send(String eventId) {
        pending.add(eventId);
        Thread.ofVirtual().start(() -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            post(eventId);
        });
    }

    private void post(String eventId) {
        int user = Math.floorMod(eventId.hashCode(), users) + 1;
        String body = "{\"eventId\":\"" + eventId + "\",\"userId\":\"chaos-" + user + "\",\"channels\":[\"email\"],"
                + "\"title\":\"chaos\",\"body\":\"" + eventId + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/notifications"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.release();
            long at = System.currentTimeMillis() - started;
            if (failure != null) {
                answers.add(new Answer(at, "no answer"));
                int failures = unanswered.merge(eventId, 1, Integer::sum);
                timer.schedule(() -> send(eventId), Math.min(30, 1L << Math.min(failures - 1, 5)), TimeUnit.SECONDS);
                return;
            }
            int status = response.statusCode();
            Matcher detail = DETAIL.matcher(response.body());
            answers.add(new Answer(at, status == 202 || status == 200 || !detail.find() ? String.valueOf(status)
                    : status + " " + detail.group(1).replace(eventId, "<eventId>")));
            var retryAfter = response.headers().firstValue("Retry-After");
            if (status == 202 || status == 200) {
                accepted.add(eventId);
                pending.remove(eventId);
            } else if (retryAfter.isPresent()) {
                timer.schedule(() -> send(eventId), Long.parseLong(retryAfter.get()), TimeUnit.SECONDS);
            } else {
                lost.incrementAndGet();
                pending.remove(eventId);
            }
        });
    }

    /** Answers per window, "202 x, 503 y, no answer z", then the totals. */
    private void report() {
        Map<String, Map<String, long[]>> byWindow = new LinkedHashMap<>(); // answer: count, first, last
        windows.forEach(window -> byWindow.put(window.name() + " (" + window.fromMillis() / 1000 + "-"
                + window.toMillis() / 1000 + " s)", new TreeMap<>()));
        byWindow.put("outside them", new TreeMap<>());
        for (Answer answer : answers) {
            String window = "outside them";
            for (Window w : windows) {
                if (answer.at() >= w.fromMillis() && answer.at() < w.toMillis()) {
                    window = w.name() + " (" + w.fromMillis() / 1000 + "-" + w.toMillis() / 1000 + " s)";
                }
            }
            byWindow.get(window).merge(answer.what(), new long[] {1, answer.at(), answer.at()},
                    (a, b) -> new long[] {a[0] + 1, Math.min(a[1], b[1]), Math.max(a[2], b[2])});
        }
        byWindow.forEach((window, counts) -> {
            System.out.println("answers " + window + ":");
            counts.forEach((what, count) -> System.out.printf("  %7d  %-70s %5.1f-%5.1f s%n", count[0], what,
                    count[1] / 1000.0, count[2] / 1000.0));
        });
        System.out.println("accepted " + accepted.size() + ", given up " + lost.get() + " (answers neither 2xx nor"
                + " with Retry-After), still refused at the end " + pending.size());
    }
}
