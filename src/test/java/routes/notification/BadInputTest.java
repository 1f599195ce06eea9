package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import routes.support.HubTest;

/** Every bad request gets a clear problem+json answer, and nothing of it is delivered. */
class BadInputTest extends HubTest {

    private static final String TOKEN = apnsToken("bad-input-ios-token");
    private static final String EMAIL = "bad-input@example.com";
    private static final String USER = "bad-input-user";
    private static final String FOLLOW_UP = "valid follow-up";

    @BeforeEach
    void userWithADevice() {
        put("/api/v1/users/" + USER, "{\"email\":\"" + EMAIL + "\"}");
        post("/api/v1/users/" + USER + "/devices", "{\"platform\":\"ios\",\"token\":\"" + TOKEN + "\"}");
    }

    /**
     * Sends the user a valid notification and waits until its push and its email reached their
     * peers: whatever a refused request had set going would have had as long to arrive. Then the
     * peers must hold only such follow-ups.
     */
    private void assertNothingButValidFollowUpsDelivered() {
        String marker = FOLLOW_UP + " " + unique("after");
        assertThat(post("/api/v1/notifications", notification(unique("evt"), USER, ",\"body\":\"" + marker + "\""))
                .status()).isEqualTo(202);
        for (String peer : List.of(TOKEN, EMAIL)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> bodies(peer).anyMatch(body -> body.contains(marker)));
            assertThat(bodies(peer)).as("what %s received", peer).allMatch(body -> body.contains(FOLLOW_UP));
        }
    }

    private Stream<String> bodies(String peer) {
        return StreamSupport.stream(sandbox(peer).spliterator(), false).map(message -> message.path("body").asText());
    }

    static Stream<Arguments> badNotifications() {
        String manyUsers = "[" + "\"u\",".repeat(1000) + "\"u\"]";
        return Stream.of(
                Arguments.of("broken JSON", "{\"eventId\":\"e1\",\"userId\":", "body"),
                Arguments.of("not an object", "[1,2]", "body"),
                Arguments.of("missing body", "{\"eventId\":\"e2\",\"userId\":\"" + USER + "\"}", "body"),
                Arguments.of("missing eventId", "{\"userId\":\"" + USER + "\",\"body\":\"x\"}", "eventId"),
                Arguments.of("no user", "{\"eventId\":\"e3\",\"body\":\"x\"}", "userId"),
                Arguments.of("unknown channel", "{\"eventId\":\"e4\",\"userId\":\"" + USER
                        + "\",\"channels\":[\"push\",\"pigeon\"],\"body\":\"x\"}", "channels[1]"),
                Arguments.of("too many users", "{\"eventId\":\"e5\",\"userIds\":" + manyUsers + ",\"body\":\"x\"}",
                        "userIds"),
                Arguments.of("data value not a string", "{\"eventId\":\"e6\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"data\":{\"count\":3}}", "data.count"),
                Arguments.of("data value an object", "{\"eventId\":\"e7\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"data\":{\"nested\":{\"a\":\"b\"}}}", "data.nested"),
                Arguments.of("number as body", "{\"eventId\":\"e8\",\"userId\":\"" + USER + "\",\"body\":42}", "body"),
                Arguments.of("unknown priority", "{\"eventId\":\"e9\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"priority\":\"urgent\"}", "priority"),
                Arguments.of("unknown field", "{\"eventId\":\"e10\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"chanels\":[\"sms\"]}", "chanels"),
                Arguments.of("invalid user id", "{\"eventId\":\"e11\",\"userId\":\"has space\",\"body\":\"x\"}",
                        "userId"),
                Arguments.of("negative ttl", "{\"eventId\":\"e12\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"ttlSeconds\":-5}", "ttlSeconds"),
                Arguments.of("collapse key over APNs' 64 bytes", "{\"eventId\":\"e12b\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"collapseKey\":\"" + "키".repeat(22) + "\"}", "collapseKey"),
                Arguments.of("data key in the hub's notify. namespace", "{\"eventId\":\"e13\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"data\":{\"notify.deliveryId\":\"forged\"}}", "data.notify.deliveryId"),
                Arguments.of("data key reserved by FCM", "{\"eventId\":\"e14\",\"userId\":\"" + USER
                        + "\",\"body\":\"x\",\"data\":{\"google.c.a.e\":\"1\"}}", "data.google.c.a.e"),
                Arguments.of("data key reserved by APNs, on every channel", "{\"eventId\":\"e15\",\"userId\":\""
                        + USER + "\",\"body\":\"x\",\"data\":{\"aps\":\"forged\"}}", "data.aps"),
                Arguments.of("NUL in the eventId", toUser("e16\\u0000", ",\"body\":\"x\""), "eventId"),
                Arguments.of("line break in the title",
                        toUser("e17", ",\"title\":\"Subject\\r\\nBcc: x@example.com\",\"body\":\"x\""), "title"),
                Arguments.of("control character in the body", toUser("e18", ",\"body\":\"\\u001b[2J\""), "body"),
                Arguments.of("control character in a data key",
                        toUser("e19", ",\"body\":\"x\",\"data\":{\"k\\u0007\":\"v\"}"), "data.k\u0007"),
                Arguments.of("control character in the collapse key",
                        toUser("e20", ",\"body\":\"x\",\"collapseKey\":\"c\\u007f\""), "collapseKey"),
                Arguments.of("right-to-left override in the eventId", toUser("e16b\\u202Egnp", ",\"body\":\"x\""),
                        "eventId"),
                Arguments.of("zero-width joiner in a userId",
                        "{\"eventId\":\"e16c\",\"userId\":\"" + USER + "\\u200D\",\"body\":\"x\"}", "userId"),
                Arguments.of("line separator in the title",
                        toUser("e17b", ",\"title\":\"Subject\\u2028Bcc\",\"body\":\"x\""), "title"),
                Arguments.of("zero-width space in a data key",
                        toUser("e19b", ",\"body\":\"x\",\"data\":{\"k\\u200B\":\"v\"}"), "data.k\u200B"),
                Arguments.of("byte order mark in the collapse key",
                        toUser("e20b", ",\"body\":\"x\",\"collapseKey\":\"c\\uFEFF\""), "collapseKey"),
                Arguments.of("a key given twice", toUser("e21", ",\"body\":\"x\",\"userId\":\"someone-else\""), "userId"),
                Arguments.of("a data key given twice",
                        toUser("e22", ",\"body\":\"x\",\"data\":{\"k\":\"1\",\"k\":\"2\"}"), "data.k"));
    }

    /** A notification to the test's user, as written: {@code fields} may be anything. */
    private static String toUser(String eventId, String fields) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + USER + "\"" + fields + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNotifications")
    void badNotificationIsRefusedWithProblemJson(String why, String body, String field) {
        Response response = post("/api/v1/notifications", body);

        assertThat(response.status()).as(why).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        if (!field.equals("body") || problem.has("errors")) {
            assertThat(problem.path("errors")).extracting(e -> e.path("field").asText()).contains(field);
        }
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void oversizeRequestIsRefusedWith413() {
        String huge = "x".repeat(64 * 1024);
        Response response = post("/api/v1/notifications", notification("big", USER, ",\"body\":\"" + huge + "\""));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void missingOrWrongKeyIsRefusedWith401() {
        Response missing = call("POST", "/api/v1/notifications", notification("k1", USER, ",\"body\":\"x\""), null);
        Response wrong = call("GET", "/api/v1/users/" + USER, null, "not-the-key");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void invalidContactDetailsAndPlatformsAreRefused() {
        Response phone = put("/api/v1/users/" + unique("u"), "{\"phone\":\"010-1234-5678\",\"email\":\"nope\"}");
        assertThat(phone.status()).isEqualTo(400);
        assertThat(phone.json().path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("phone", "email");

        Response platform = post("/api/v1/users/" + USER + "/devices", "{\"platform\":\"blackberry\",\"token\":\"t\"}");
        assertThat(platform.status()).isEqualTo(400);
        assertThat(platform.json().path("errors").get(0).path("field").asText()).isEqualTo("platform");
        assertThat(platform.json().path("errors").get(0).path("message").asText()).contains("blackberry");
    }

    @Test
    void lineBreaksAndTabsInABodyAreDelivered() {
        JsonNode received = pushReceivedBy("ios", apnsToken(unique("lines")), ",\"body\":\"line 1\\nline 2\\tend\"");

        assertThat(received.path("body").asText()).isEqualTo("line 1\nline 2\tend");
    }

    @Test
    void contactDetailsWithControlCharactersAreRefusedAndInternationalDomainsAccepted() {
        String user = unique("contacts");
        Response nul = put("/api/v1/users/" + user, "{\"email\":\"a\\u0000@b.co\",\"phone\":\"+821012345678\\n\"}");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("email", "phone");
        assertThat(get("/api/v1/users/" + user).status()).as("nothing stored").isEqualTo(404);

        for (String email : List.of("user@bücher.de", "user@例え.jp")) {
            Response idn = put("/api/v1/users/" + user, "{\"email\":\"" + email + "\"}");
            assertThat(idn.status()).as(email).isEqualTo(200);
            assertThat(get("/api/v1/users/" + user).json().path("email").asText()).isEqualTo(email);
        }

        Response token = post("/api/v1/users/" + user + "/devices", "{\"platform\":\"ios\",\"token\":\"abc\\u0000\"}");
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().path("errors").get(0).path("field").asText()).isEqualTo("token");
    }

    /** Ids, tokens, names and addresses are compared and shown: nothing invisible or reordering in them. */
    @Test
    void invisibleAndBidirectionalCharactersInTokensNamesAndAddressesAreRefused() {
        String user = unique("invisible");
        Response email = put("/api/v1/users/" + user, "{\"email\":\"user@bü\\u200Bcher.de\"}");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.json().path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(get("/api/v1/users/" + user).status()).as("nothing stored").isEqualTo(404);

        Response token = post("/api/v1/users/" + USER + "/devices", "{\"platform\":\"ios\",\"token\":\"\\u2066"
                + TOKEN + "\\u2069\"}");
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().path("errors").get(0).path("field").asText()).isEqualTo("token");

        Response name = post("/api/v1/admin/clients", "{\"name\":\"billing\\u2060\",\"scopes\":[\"send\"]}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(name.json().path("errors").get(0).path("message").asText()).contains("U+2060");
    }

    /** Titles and bodies are what people read: emoji sequences and text of both directions arrive as written. */
    @Test
    void joinersAndDirectionMarksInATitleAndBodyAreDeliveredAsWritten() {
        String title = "\uD83D\uDC69\u200D\uD83D\uDCBB on call";
        String body = "from \u2067\u05E9\u05DC\u05D5\u05DD\u2069 with \u200F\u0645\u0631\u062D\u0628\u0627 and \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        JsonNode received = pushReceivedBy("ios", apnsToken(unique("joiners")),
                ",\"title\":\"" + title + "\",\"body\":\"" + body + "\"");

        assertThat(received.path("title").asText()).isEqualTo(title);
        assertThat(received.path("body").asText()).isEqualTo(body);
    }

    @Test
    void aKeyGivenTwiceChangesNothing() {
        Response twice = put("/api/v1/users/" + USER, "{\"email\":\"elsewhere@example.com\",\"email\":\"x@example.com\"}");

        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.contentType()).startsWith("application/problem+json");
        assertThat(twice.json().path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(twice.json().path("errors").get(0).path("message").asText()).contains("more than once");
        assertThat(get("/api/v1/users/" + USER).json().path("email").asText()).isEqualTo(EMAIL);
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void unknownRoutesAndWrongMethodsAreProblemJson() {
        assertProblem(get("/api/v1/no-such-thing"), 404);
        assertProblem(call("PATCH", "/api/v1/users/" + USER, "{}"), 405);
        assertProblem(call("DELETE", "/api/v1/notifications", null), 405);
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void anIdTheHubNeverGaveIsUnknown() {
        for (String id : List.of("not-an-id", "evt-1", "0000000-0000-0000-0000-0000000000000")) {
            assertProblem(get("/api/v1/notifications/" + id), 404);
            assertProblem(call("DELETE", "/api/v1/notifications/" + id, null), 404);
            assertProblem(post("/api/v1/deliveries/" + id + "/events", "{\"type\":\"opened\"}"), 404);
            assertProblem(post("/api/v1/admin/dead-letters/" + id + "/replay", null), 404);
        }
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void controlInvisibleAndBidirectionalCharactersInThePathOrAQueryParameterAreRefusedByName() {
        for (String path : List.of("/api/v1/notifications/a%01b", "/api/v1/users/" + USER + "%E2%80%AE",
                "/api/v1/users/" + USER + "/devices/d%E2%80%8B")) {
            Response refused = call(path.contains("/devices/") ? "DELETE" : "GET", path, null);
            assertProblem(refused, 400);
            assertThat(refused.json().path("errors").get(0).path("field").asText()).as(path).isEqualTo("path");
        }
        for (String query : List.of("category=orders%07", "category=orders%EF%BB%BF")) {
            Response refused = get("/api/v1/stats?" + query);
            assertProblem(refused, 400);
            assertThat(refused.json().path("errors").get(0).path("field").asText()).as(query).isEqualTo("category");
        }
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asText()).isNotBlank();
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }

    static Stream<Arguments> malformedRequests() {
        String userPut = "PUT /api/v1/users/" + USER + " HTTP/1.1\r\nContent-Type: application/json\r\n";
        String moved = "{\"email\":\"elsewhere@example.com\"}";
        return Stream.of(
                Arguments.of("bad percent-encoding in the path", "GET /api/v1/users/%ZZ HTTP/1.1\r\n", "", 400),
                Arguments.of("NUL in the path", "GET /api/v1/users/a%00b HTTP/1.1\r\n", "", 400),
                Arguments.of("a space in the request target", "GET /api/v1/users/a b HTTP/1.1\r\n", "", 400),
                Arguments.of("a path climbing out of where it points",
                        "GET /api/v1/users/%2e%2e/%2e%2e/admin/clients HTTP/1.1\r\n", "", 400),
                Arguments.of("a path parameter", "GET /api/v1/users/x;y HTTP/1.1\r\n", "", 400),
                Arguments.of("bad percent-encoding in a query parameter",
                        "GET /api/v1/stats?category=%ZZ HTTP/1.1\r\n", "", 400),
                Arguments.of("a chunk size that is no number", userPut + "Transfer-Encoding: chunked\r\n",
                        "ZZ\r\n" + moved + "\r\n0\r\n\r\n", 400),
                Arguments.of("a chunk longer than its size", userPut + "Transfer-Encoding: chunked\r\n",
                        "2\r\n" + moved + "\r\n0\r\n\r\n", 400),
                Arguments.of("a body that is not JSON", "PUT /api/v1/users/" + USER + " HTTP/1.1\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: " + moved.length() + "\r\n", moved, 415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void whatTheServerRefusesItselfIsProblemJson(String why, String head, String body, int status) throws IOException {
        Response response = raw(head, body);

        assertThat(response.status()).as(why).isEqualTo(status);
        assertProblem(response, status);
        assertThat(get("/api/v1/users/" + USER).json().path("email").asText()).isEqualTo(EMAIL);
        assertNothingButValidFollowUpsDelivered();
    }

    @Test
    void aWellFormedChunkedBodyIsRead() throws IOException {
        String user = unique("chunked");
        String json = "{\"email\":\"chunked@example.com\"}";
        Response response = raw("PUT /api/v1/users/" + user + " HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n", Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(get("/api/v1/users/" + user).json().path("email").asText()).isEqualTo("chunked@example.com");
    }

    /**
     * Sends a request as written (HTTP clients refuse to send a malformed path or chunking), with
     * the key, on a connection of its own; the answer's body is taken apart if chunked.
     */
    private Response raw(String head, String body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "Host: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] headers = answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n");
            String content = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            String contentType = null;
            for (String header : headers) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).strip();
                }
                if (header.equalsIgnoreCase("Transfer-Encoding: chunked")) {
                    content = dechunked(content);
                }
            }
            return new Response(Integer.parseInt(headers[0].split(" ")[1]), contentType, content, null);
        }
    }

    private static String dechunked(String chunked) {
        StringBuilder content = new StringBuilder();
        int at = 0;
        for (int size; (size = Integer.parseInt(chunked.substring(at, chunked.indexOf("\r\n", at)), 16)) > 0; ) {
            int start = chunked.indexOf("\r\n", at) + 2;
            content.append(chunked, start, start + size);
            at = start + size + 2;
        }
        return content.toString();
    }
}
