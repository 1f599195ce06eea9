package routes.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import routes.support.HubTest.Response;

/** Calls one hub instance's HTTP API as a client would, with a bearer key. */
public record HubClient(int port, String key) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Creates a client with these scopes through the admin API (this client must hold admin); answers its id. */
    public String createClient(String name, String... scopes) {
        Response created = call("POST", "/api/v1/admin/clients",
                "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
        if (created.status() != 201) {
            throw new AssertionError("client not created: " + created.status() + " " + created.body());
        }
        return created.json().path("clientId").asText();
    }

    /** Replaces the client's own limits ({@code {"requestsPerSecond": 5}}; one left out follows the default). */
    public void setLimits(String clientId, String limits) {
        Response set = call("PUT", "/api/v1/admin/clients/" + clientId + "/limits", limits);
        if (set.status() != 200) {
            throw new AssertionError("limits not set: " + set.status() + " " + set.body());
        }
    }

    /** Issues a key for the client, expiring at {@code expiresAt} (null: never); answers keyId, key, shown... */
    public JsonNode issueKey(String clientId, String expiresAt) {
        Response issued = call("POST", "/api/v1/admin/clients/" + clientId + "/keys",
                expiresAt == null ? null : "{\"expiresAt\":\"" + expiresAt + "\"}");
        if (issued.status() != 201) {
            throw new AssertionError("key not issued: " + issued.status() + " " + issued.body());
        }
        return issued.json();
    }

    /** The same hub, called with another key. */
    public HubClient with(String otherKey) {
        return new HubClient(port, otherKey);
    }

    public Response call(String method, String path, String body) {
        return call(method, path, body, Map.of());
    }

    /** The same, with these headers besides (a browser's Origin, say). */
    public Response call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
