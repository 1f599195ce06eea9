package routes.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.support.HubClient;
import routes.support.HubTest;
import routes.user.Contacts;

/**
 * DELETE /users/{userId} erases everything the hub holds about the user, is audited, and nothing
 * accepted for the user before it is sent after it: neither a delivery already queued for a worker
 * nor a notification fan-out has not reached yet.
 */
class UserErasureTest extends HubTest {

    @Autowired
    CamelContext camel;

    /** A user with an email address, a phone number and an iOS device. */
    private record Person(String userId, String email, String phone, String token) {}

    private Person person() {
        String user = unique("erased");
        Person person = new Person(user, user + "@example.com", koreanMobile(), apnsToken(user));
        assertThat(put("/api/v1/users/" + user,
                "{\"email\":\"" + person.email() + "\",\"phone\":\"" + person.phone() + "\"}").status()).isEqualTo(200);
        assertThat(post("/api/v1/users/" + user + "/devices",
                "{\"platform\":\"ios\",\"token\":\"" + person.token() + "\"}").status()).isEqualTo(201);
        assertThat(put("/api/v1/users/" + user + "/preferences", "{\"categories\":{\"news\":{\"sms\":false}}}")
                .status()).isEqualTo(200);
        return person;
    }

    private Response erase(String userId) {
        return call("DELETE", "/api/v1/users/" + userId, null);
    }

    private String accepted(String request) {
        Response accepted = post("/api/v1/notifications", request);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().path("notificationId").asText();
    }

    private int received(Person person) {
        return sandbox(person.token()).size() + sandbox(person.email()).size() + sandbox(person.phone()).size();
    }

    @Test
    void anErasedUsersProfileDeliveriesEventsAndNotificationsAreGoneAndNothingReachesThemAfterwards() {
        Person person = person();
        String otherToken = apnsToken(unique("other"));
        String other = userWithDevice("ios", otherToken);
        String secret = unique("only for them");
        String alone = accepted(notification(unique("evt"), person.userId(),
                ",\"title\":\"" + secret + "\",\"body\":\"" + secret + "\",\"data\":{\"order\":\"" + secret + "\"}"));
        String shared = accepted("{\"eventId\":\"" + unique("evt") + "\",\"userIds\":[\"" + person.userId() + "\",\""
                + other + "\"],\"channels\":[\"push\"],\"body\":\"for both of them\"}");
        JsonNode deliveries = awaitSettled(alone).path("deliveries");
        assertThat(deliveries).extracting(d -> d.path("status").asText()).containsOnly("SENT").hasSize(3);
        awaitSettled(shared);
        awaitSandbox(otherToken, 1);
        String push = deliveries.findValuesAsText("deliveryId").get(0);
        assertThat(post("/api/v1/deliveries/" + push + "/events", "{\"type\":\"opened\"}").status()).isEqualTo(200);
        assertThat(received(person)).isEqualTo(4);

        Response erased = erase(person.userId());
        assertThat(erased.status()).isEqualTo(204);
        assertThat(erased.body()).isEmpty();

        assertThat(get("/api/v1/users/" + person.userId()).status()).isEqualTo(404);
        assertThat(get("/api/v1/users/" + person.userId() + "/preferences").status()).isEqualTo(404);
        // to them alone: nothing of it is shown (404, or ACCEPTED and no more while its eventId is remembered)
        Response aloneNow = get("/api/v1/notifications/" + alone);
        for (String trace : List.of(person.userId(), person.email(), person.phone(), person.token(), secret,
                Contacts.mask(person.email()), Contacts.mask(person.phone()), Contacts.mask(person.token()))) {
            assertThat(aloneNow.body()).doesNotContain(trace);
        }
        assertThat(aloneNow.json().path("deliveries")).isEmpty();
        // shared: the other user's part stays, without a trace of the erased one
        JsonNode sharedNow = get("/api/v1/notifications/" + shared).json();
        assertThat(sharedNow.path("userIds")).extracting(JsonNode::asText).containsExactly(other);
        assertThat(sharedNow.path("deliveries")).extracting(d -> d.path("userId").asText()).containsExactly(other);
        assertThat(sharedNow.path("body").asText()).isEqualTo("for both of them");
        assertThat(sharedNow.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(post("/api/v1/deliveries/" + push + "/events", "{\"type\":\"clicked\"}").status()).isEqualTo(404);

        List<String> audited = new ArrayList<>();
        get("/api/v1/admin/audit?limit=20").json().path("entries").forEach(entry -> {
            if (entry.path("target").asText().equals(person.userId())) {
                audited.add(entry.path("action").asText() + " by " + entry.path("clientId").asText());
            }
        });
        assertThat(audited).containsExactly("user.erased by configured");

        // afterwards: accepted (the userId may be created again), logged as no contact, sent to no one
        String after = accepted(notification(unique("evt"), person.userId(), ",\"body\":\"after the erasure\""));
        JsonNode afterStatus = awaitSettled(after);
        assertThat(afterStatus.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(afterStatus.path("deliveries")).extracting(d -> d.path("reason").asText()).containsOnly("NO_CONTACT");
        String control = sendPush(other, ",\"body\":\"after the erasure too\"");
        awaitSettled(control);
        awaitSandbox(otherToken, 2);
        assertThat(received(person)).isEqualTo(4);
    }

    @Test
    void aDeliveryQueuedBeforeTheErasureIsNotSentAfterIt() throws Exception {
        String token = apnsToken(unique("queued"));
        String user = userWithDevice("ios", token);
        camel.getRouteController().stopRoute("deliver-apns");
        try {
            String id = sendPush(user, ",\"body\":\"queued before the erasure\"");
            awaitDelivery(id, "QUEUED");
            assertThat(erase(user).status()).isEqualTo(204);
        } finally {
            camel.getRouteController().startRoute("deliver-apns");
        }

        String laterToken = apnsToken(unique("later"));
        sendPush(userWithDevice("ios", laterToken), ",\"body\":\"after the erasure\"");
        awaitSandbox(laterToken, 1);
        assertThat(sandbox(token)).isEmpty();
    }

    @Test
    void aNotificationAcceptedBeforeTheErasureAndNotFannedOutYetLeavesTheErasedUserOut() throws Exception {
        String erasedToken = apnsToken(unique("not-fanned-out"));
        String erased = userWithDevice("ios", erasedToken);
        String otherToken = apnsToken(unique("other"));
        String other = userWithDevice("ios", otherToken);
        String id;
        camel.getRouteController().stopRoute("fan-out");
        try {
            id = accepted("{\"eventId\":\"" + unique("evt") + "\",\"userIds\":[\"" + erased + "\",\"" + other
                    + "\"],\"channels\":[\"push\"],\"body\":\"accepted before the erasure\"}");
            assertThat(erase(erased).status()).isEqualTo(204);
        } finally {
            camel.getRouteController().startRoute("fan-out");
        }

        awaitSandbox(otherToken, 1);
        JsonNode status = awaitSettled(id);
        assertThat(status.path("userIds")).extracting(JsonNode::asText).containsExactly(other);
        assertThat(status.path("deliveries")).extracting(d -> d.path("userId").asText()).containsExactly(other);
        assertThat(sandbox(erasedToken)).isEmpty();
    }

    @Test
    void aUserCreatedAgainAfterTheErasureReceivesWhatIsSentFromThen() {
        Person person = person();
        assertThat(erase(person.userId()).status()).isEqualTo(204);
        assertThat(put("/api/v1/users/" + person.userId(), "{\"email\":\"" + person.email() + "\"}").status())
                .isEqualTo(200);

        notifyOn("email", person.userId(), ",\"body\":\"welcome back\"");
        assertThat(awaitSandbox(person.email(), 1)).extracting(m -> m.path("body").asText()).containsExactly("welcome back");
    }

    @Test
    void erasingAnUnknownUserOrTheSameUserTwiceAnswers204AndAsksForUsersWrite() {
        assertThat(erase(unique("never-known")).status()).isEqualTo(204);
        Person person = person();
        assertThat(erase(person.userId()).status()).isEqualTo(204);
        assertThat(erase(person.userId()).status()).isEqualTo(204);

        Response badId = erase("not%20an%20id");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.contentType()).startsWith("application/problem+json");
        assertThat(badId.json().path("errors").get(0).path("field").asText()).isEqualTo("userId");

        HubClient admin = new HubClient(port, KEY);
        String reader = admin.createClient(unique("reader"), "users:read");
        Response refused = admin.with(admin.issueKey(reader, null).path("key").asText())
                .call("DELETE", "/api/v1/users/" + unique("anyone"), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("users:write");
    }
}
