package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
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
                        + USER + "\",\"body\":\"x\",\"data\":{\"aps\":\"forged\"}}", "data.aps"));
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
}
