package routes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import routes.provider.fcm.FcmMessages;

/**
 * The embedded default's FCM: the HTTP v1 send endpoint, {@code POST /v1/projects/{project}/messages:send},
 * on a loopback port. Like FCM it wants the bearer access token, one token as the target, string
 * data without FCM's reserved keys, a well-formed Android priority and ttl and an https web link,
 * and answers in FCM's error format; what it accepts goes to the sandbox outbox. Tests can script
 * the next answers for a token.
 */
public class SandboxFcmServer {

    public static final String PROJECT_ID = "notification-hub-sandbox";

    private static final String HOST = "127.0.0.1";
    private static final String FCM_HOST = "fcm.googleapis.com";
    private static final Pattern SEND_PATH = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    private static final Pattern TTL = Pattern.compile("\\d+(\\.\\d{1,9})?s");
    private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    /** FCM's refusals as the v1 API words them: HTTP status, canonical status and FCM error code. */
    public enum Refusal {
        UNREGISTERED(404, "NOT_FOUND", "Requested entity was not found."),
        INVALID_ARGUMENT(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"),
        SENDER_ID_MISMATCH(403, "PERMISSION_DENIED", "SenderId mismatch"),
        QUOTA_EXCEEDED(429, "RESOURCE_EXHAUSTED", "Quota exceeded for sending messages to this device."),
        UNAVAILABLE(503, "UNAVAILABLE", "The service is currently unavailable."),
        INTERNAL(500, "INTERNAL", "Internal error encountered.");

        final int httpStatus;
        final String status;
        final String message;

        Refusal(int httpStatus, String status, String message) {
            this.httpStatus = httpStatus;
            this.status = status;
            this.message = message;
        }
    }

    private final SandboxOutbox outbox;
    private final ObjectMapper json;
    private final String accessToken;
    private final Map<String, Queue<Refusal>> scripted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;

    public SandboxFcmServer(SandboxOutbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.accessToken = "sandbox-" + HexFormat.of().formatHex(secret);
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
        server.setExecutor(handlers);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** Its dispatcher thread is not a daemon: left running, it would keep the JVM from exiting. */
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * An HTTP transport for firebase-admin that takes its calls to {@code https://fcm.googleapis.com}
     * to this server, over plain HTTP, and lets no call reach any other host.
     */
    public HttpTransport transport() {
        return new NetHttpTransport.Builder().setConnectionFactory(url -> {
            if (!url.getHost().equals(FCM_HOST)) {
                throw new IOException("The FCM sandbox serves " + FCM_HOST + " only, not " + url.getHost());
            }
            return (HttpURLConnection) URI.create("http://" + HOST + ":" + port() + url.getFile()).toURL()
                    .openConnection(Proxy.NO_PROXY);
        }).build();
    }

    /** The OAuth2 access token the server takes; the hub's client presents it as a fixed credential. */
    public String accessToken() {
        return accessToken;
    }

    /** The next send to this token is refused so, before any check of the message. */
    public void refuseNext(String token, Refusal refusal) {
        scripted.computeIfAbsent(token, t -> new ConcurrentLinkedQueue<>()).add(refusal);
    }

    /** How many sends to this token arrived, refused ones included (firebase-admin retries some). */
    public int requestsFor(String token) {
        AtomicInteger count = requests.get(token);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = SEND_PATH.matcher(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("POST") || !path.matches() || !path.group(1).equals(PROJECT_ID)) {
                answerError(exchange, 404, "NOT_FOUND", "Requested entity was not found.", null);
                return;
            }
            if (!("Bearer " + accessToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // Without error="invalid_token" the client does not try to refresh its fixed token, which it cannot.
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
                answerError(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials. "
                        + "Expected OAuth 2 access token, login cookie or other valid authentication credential.", null);
                return;
            }
            JsonNode message;
            try {
                message = json.readTree(exchange.getRequestBody()).path("message");
            } catch (IOException e) {
                answerError(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null);
                return;
            }
            String invalid = invalidField(message);
            String token = message.path("token").asText("");
            if (!token.isEmpty()) {
                requests.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            }
            Queue<Refusal> script = scripted.get(token);
            Refusal refusal = script == null ? null : script.poll();
            if (refusal != null) {
                if (refusal == Refusal.QUOTA_EXCEEDED) {
                    // FCM asks a sender over quota to back off, as it documents for 429
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                answerError(exchange, refusal.httpStatus, refusal.status, refusal.message, refusal.name());
            } else if (invalid != null) {
                answerError(exchange, 400, "INVALID_ARGUMENT", invalid, "INVALID_ARGUMENT");
            } else {
                record(message);
                answer(exchange, 200, Map.of("name", "projects/" + PROJECT_ID + "/messages/" + UUID.randomUUID()));
            }
        }
    }

    /** What FCM would refuse in this message, or null. */
    private static String invalidField(JsonNode message) {
        if (!message.isObject()) {
            return "Invalid JSON payload received. Expected a message object.";
        }
        int targets = (message.hasNonNull("token") ? 1 : 0) + (message.hasNonNull("topic") ? 1 : 0)
                + (message.hasNonNull("condition") ? 1 : 0);
        if (targets != 1 || message.path("token").asText("").isBlank()) {
            return "Recipient of the message is not set.";
        }
        for (var field : message.path("data").properties()) {
            if (!field.getValue().isTextual()) {
                return "Invalid value at 'message.data[" + field.getKey() + "].value' (TYPE_STRING)";
            }
            if (FcmMessages.isReservedByFcm(field.getKey())) {
                return "Invalid data payload key: " + field.getKey();
            }
        }
        JsonNode android = message.path("android");
        String priority = android.path("priority").asText("normal");
        if (!priority.equalsIgnoreCase("high") && !priority.equalsIgnoreCase("normal")) {
            return "Invalid value at 'message.android.priority' (type.googleapis.com/google.firebase.fcm.v1.AndroidMessagePriority), \""
                    + priority + "\"";
        }
        if (android.has("ttl") && !TTL.matcher(android.path("ttl").asText()).matches()) {
            return "Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration)";
        }
        JsonNode link = message.path("webpush").path("fcm_options").path("link");
        if (!link.isMissingNode() && !FcmMessages.isHttpsUrl(link.asText())) {
            return "The link must be an HTTPS URL: message.webpush.fcm_options.link";
        }
        return null;
    }

    private void record(JsonNode message) {
        Map<String, String> data = new LinkedHashMap<>();
        message.path("data").properties().forEach(field -> {
            if (!field.getKey().startsWith(FcmMessages.RESERVED_PREFIX)) {
                data.put(field.getKey(), field.getValue().asText());
            }
        });
        JsonNode android = message.path("android");
        JsonNode webpush = message.path("webpush");
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "android.priority", android.path("priority"));
        put(headers, "android.ttl", android.path("ttl"));
        put(headers, "android.collapse_key", android.path("collapse_key"));
        put(headers, "android.notification.channel_id", android.path("notification").path("channel_id"));
        put(headers, "android.notification.tag", android.path("notification").path("tag"));
        put(headers, "webpush.notification.tag", webpush.path("notification").path("tag"));
        webpush.path("headers").properties().forEach(header -> put(headers, "webpush." + header.getKey(), header.getValue()));
        put(headers, "webpush.link", webpush.path("fcm_options").path("link"));
        JsonNode notification = message.path("notification");
        String priority = headers.get("android.priority");
        outbox.record(new SandboxMessage(message.path("data").path(FcmMessages.DELIVERY_ID).asText(null),
                message.path("data").path(FcmMessages.NOTIFICATION_ID).asText(null), "push", "fcm",
                message.path("token").asText(), notification.path("title").asText(null),
                notification.path("body").asText(null), data, priority == null ? null : priority.toLowerCase(Locale.ROOT),
                Instant.now(), headers));
    }

    private static void put(Map<String, String> headers, String name, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            headers.put(name, value.asText());
        }
    }

    /** FCM's v1 error body; {@code errorCode} becomes the client's MessagingErrorCode. */
    private void answerError(HttpExchange exchange, int httpStatus, String status, String message, String errorCode)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", httpStatus);
        error.put("message", message);
        error.put("status", status);
        if (errorCode != null) {
            error.put("details", List.of(Map.of("@type", FCM_ERROR, "errorCode", errorCode)));
        }
        answer(exchange, httpStatus, Map.of("error", error));
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
