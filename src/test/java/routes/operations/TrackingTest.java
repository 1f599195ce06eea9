package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/** Delivery events from app SDKs, the signed click redirect of email links, and the stats they feed. */
class TrackingTest extends HubTest {

    private String userWithEmail(String address) {
        String user = unique("reader");
        assertThat(put("/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status()).isEqualTo(200);
        return user;
    }

    private String sentPushDelivery(String extraFields) {
        String user = userWithDevice("android", unique("tracked-token"));
        return awaitDelivery(sendPush(user, extraFields), "SENT").path("deliveryId").asText();
    }

    private Response event(String deliveryId, String json) {
        return post("/api/v1/deliveries/" + deliveryId + "/events", json);
    }

    @Test
    void anEmailLinkRedirectsThroughTheHubToTheSignedUrlAndCountsTheClick() {
        String address = unique("clicker") + "@example.com";
        String category = unique("offer");
        String target = "https://shop.example.com/offer?id=7&ref=mail";
        String notificationId = notifyOn("email", userWithEmail(address), ",\"category\":\"" + category
                + "\",\"body\":\"An offer\",\"data\":{\"link\":\"" + target + "\"}");
        String body = awaitSandbox(address, 1).get(0).path("body").asText();
        String deliveryId = awaitDelivery(notificationId, "SENT").path("deliveryId").asText();
        String tracked = body.substring(body.lastIndexOf('\n') + 1);
        assertThat(tracked).startsWith("http://localhost:" + port + "/t/c/").doesNotContain("shop.example.com");
        assertThat(emailClicks(category)).isZero();

        // no API key: a reader's mail client follows it
        Response redirect = call("GET", URI.create(tracked).getPath(), null, null);
        Instant followed = Instant.now();

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).isEqualTo(target);
        // the redirect alone recorded the click: nothing else has reported one
        assertThat(emailClicks(category)).as("clicks counted once the link was followed").isEqualTo(1);
        // following the link again, or an app reporting the click, counts it once, at the first time
        assertThat(call("GET", URI.create(tracked).getPath(), null, null).status()).isEqualTo(302);
        JsonNode reported = event(deliveryId, "{\"type\":\"clicked\"}").json();
        assertThat(Instant.parse(reported.path("occurredAt").asText())).isBeforeOrEqualTo(followed);
        assertThat(emailClicks(category)).isEqualTo(1);
    }

    /** Clicks on email deliveries of this category, as /stats counts them. */
    private long emailClicks(String category) {
        Response stats = get("/api/v1/stats?category=" + category);
        assertThat(stats.status()).isEqualTo(200);
        return stats.json().path("channels").path("email").path("events").path("clicked").asLong();
    }

    @Test
    void aTamperedClickTokenRedirectsNowhere() {
        String address = unique("tamper") + "@example.com";
        notifyOn("email", userWithEmail(address), ",\"body\":\"x\",\"data\":{\"link\":\"https://example.com/a\"}");
        String body = awaitSandbox(address, 1).get(0).path("body").asText();
        String path = URI.create(body.substring(body.lastIndexOf('\n') + 1)).getPath();
        String token = path.substring("/t/c/".length());
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String otherUrl = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "someone\nhttps://evil.example.net/".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (String forged : new String[] {otherUrl + "." + signature, payload + "." + signature.substring(1) + "A",
                payload, "garbage"}) {
            Response refused = call("GET", "/t/c/" + forged, null, null);
            assertThat(refused.status()).as(forged).isEqualTo(404);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.header("Location")).isNull();
        }
    }

    @Test
    void appEventsAreRecordedOncePerTypeAndBadOnesAreProblems() {
        String deliveryId = sentPushDelivery(",\"body\":\"opened later\"");

        Response opened = event(deliveryId, "{\"type\":\"opened\"}");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("deliveryId").asText()).isEqualTo(deliveryId);
        assertThat(opened.json().path("type").asText()).isEqualTo("opened");
        assertThat(event(deliveryId, "{\"type\":\"opened\"}").json().path("occurredAt"))
                .isEqualTo(opened.json().path("occurredAt"));

        Response badType = event(deliveryId, "{\"type\":\"read\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.contentType()).isEqualTo("application/problem+json");
        assertThat(badType.json().path("errors").path(0).path("field").asText()).isEqualTo("type");
        assertThat(event(deliveryId, "{}").status()).isEqualTo(400);
        Response unknown = event("no-such-delivery", "{\"type\":\"delivered\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        assertThat(call("POST", "/api/v1/deliveries/" + deliveryId + "/events", "{\"type\":\"opened\"}", null)
                .status()).isEqualTo(401);
    }

    @Test
    void statsCountEachChannelsStatusesAndOpenAndClickRates() {
        String category = unique("promo");
        String opened = sentPushDelivery(",\"body\":\"one\",\"category\":\"" + category + "\"");
        sentPushDelivery(",\"body\":\"two\",\"category\":\"" + category + "\"");
        event(opened, "{\"type\":\"delivered\"}");
        event(opened, "{\"type\":\"opened\"}");

        Response stats = get("/api/v1/stats?category=" + category);

        assertThat(stats.status()).isEqualTo(200);
        JsonNode push = stats.json().path("channels").path("push");
        assertThat(push.path("total").asLong()).isEqualTo(2);
        assertThat(push.path("statuses").path("sent").asLong()).isEqualTo(2);
        assertThat(push.path("events").path("delivered").asLong()).isEqualTo(1);
        assertThat(push.path("events").path("opened").asLong()).isEqualTo(1);
        assertThat(push.path("events").path("clicked").asLong()).isZero();
        assertThat(push.path("openRate").asDouble()).isEqualTo(0.5);
        assertThat(push.path("clickRate").asDouble()).isZero();
        assertThat(stats.json().path("channels").path("sms").path("total").asLong()).isZero();

        String past = "from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&category=" + category;
        assertThat(get("/api/v1/stats?" + past).json().path("channels").path("push").path("total").asLong()).isZero();
        Response bad = get("/api/v1/stats?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("field").asText()).isEqualTo("from");
    }
}
