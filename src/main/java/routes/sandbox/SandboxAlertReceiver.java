package routes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;

/**
 * The embedded default's operator webhook: a local HTTP endpoint that takes the hub's dead-letter
 * alerts and lists each dead letter under the sandbox recipient {@value #RECIPIENT}.
 */
public class SandboxAlertReceiver {

    public static final String RECIPIENT = "operator-alerts";

    private final SandboxOutbox outbox;
    private final ObjectMapper json;
    private HttpServer server;

    public SandboxAlertReceiver(SandboxOutbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", this::handle);
        server.start();
    }

    public void stop() {
        server.stop(0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode alert = json.readTree(exchange.getRequestBody());
            for (JsonNode dead : alert.path("deadLetters")) {
                outbox.record(new SandboxMessage(dead.path("deliveryId").asText(), dead.path("notificationId").asText(),
                        "alert", "webhook", RECIPIENT, alert.path("alert").asText(), dead.path("reason").asText(),
                        Map.of("status", dead.path("status").asText(), "provider", dead.path("provider").asText(),
                                "attempts", dead.path("attempts").asText()),
                        null, Instant.now(), Map.of("Content-Type",
                                String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")))));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }
}
