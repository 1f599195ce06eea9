package routes.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local SMS provider over plain HTTP on an ephemeral loopback port, speaking one provider's API:
 * it checks credentials and requests as the provider does and records what it accepted in the
 * sandbox outbox. Tests script its next answers per recipient (E.164), make a number invalid, or
 * rotate its secret so the hub's credentials stop working.
 */
public abstract class SandboxSmsServer {

    /** A response: status, JSON body, and the Retry-After header (seconds or an HTTP date) it carries, if any. */
    protected record Answer(int status, String body, String retryAfter) {}

    /** Closing the exchange without a response ends the connection, as a crashed peer would. */
    private static final Answer DROP = new Answer(0, null, null);
    private static final SecureRandom RANDOM = new SecureRandom();

    protected final SandboxOutbox outbox;
    protected final ObjectMapper json;
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();
    private final Set<String> invalidNumbers = ConcurrentHashMap.newKeySet();
    private volatile boolean secretRotated;
    private HttpServer server;

    protected SandboxSmsServer(SandboxOutbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} requests to this number get this HTTP status, with Retry-After if given. */
    public void failNext(String phone, int times, int status, Duration retryAfter) {
        failNext(phone, times, status, retryAfter == null ? null : Long.toString(retryAfter.toSeconds()));
    }

    /** The same, asking to be called again no sooner than {@code at}, given as an HTTP date. */
    public void failNextUntil(String phone, int times, int status, Instant at) {
        failNext(phone, times, status, DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC)));
    }

    private void failNext(String phone, int times, int status, String retryAfter) {
        Answer failure = error(status);
        for (int i = 0; i < times; i++) {
            scripted.computeIfAbsent(phone, p -> new ConcurrentLinkedQueue<>())
                    .add(new Answer(failure.status(), failure.body(), retryAfter));
        }
    }

    /** The next request to this number gets no response: the connection is closed on it. */
    public void dropNext(String phone) {
        scripted.computeIfAbsent(phone, p -> new ConcurrentLinkedQueue<>()).add(DROP);
    }

    /** From now on the provider refuses this number as invalid. */
    public void refuseNumber(String phone) {
        invalidNumbers.add(phone);
    }

    /** The secret the hub holds works again once this is closed. */
    public interface Rotation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The provider's secret changes, as when a key is rotated in its console: the hub's stops
     * working until the returned rotation is closed.
     */
    public Rotation rotateSecret() {
        secretRotated = true;
        return () -> secretRotated = false;
    }

    /** The secret the provider accepts now: the one it issued, unless rotated since. */
    protected String secret(String issued) {
        return secretRotated ? "rotated-" + issued : issued;
    }

    /** Checks and answers one request; records it in the outbox when it is accepted. */
    protected abstract Answer answer(HttpExchange http) throws IOException;

    /** An error in the provider's own format. */
    protected abstract Answer error(int status);

    /** The provider's answer for a number it cannot send to. */
    protected abstract Answer invalidNumber(String phone);

    /** What a test scripted for this number's next request, or null to go on with the real checks. */
    protected Answer scripted(String phone) {
        Queue<Answer> script = scripted.get(phone);
        Answer next = script == null ? null : script.poll();
        if (next == null && invalidNumbers.contains(phone)) {
            return invalidNumber(phone);
        }
        return next;
    }

    protected static String phrase(int status) {
        return switch (status) {
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }

    protected static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            Answer answer = answer(http);
            if (answer == DROP) {
                return;
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (answer.retryAfter() != null) {
                http.getResponseHeaders().set("Retry-After", answer.retryAfter());
            }
            http.sendResponseHeaders(answer.status(), body.length);
            http.getResponseBody().write(body);
        }
    }
}
