package routes.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.notification.ValidNotification;
import routes.support.HubTest;

/**
 * Notifications worded by a template, end to end: each recipient gets the wording of their locale on
 * each channel, as the sandbox providers received it; the version is fixed at acceptance; what is
 * wrong is refused at intake, and what a channel cannot carry fails unsent.
 */
class TemplateSendTest extends HubTest {

    private static final String PARAMS = """
            {"name": "김<민수>", "orderId": "A-1", "items": [{"name": "컵"}, {"name": "펜"}]}""";

    @Autowired
    JdbcClient db;

    private String template(String body) {
        String id = unique("tpl");
        assertThat(put("/api/v1/templates/" + id, body).status()).isEqualTo(201);
        return id;
    }

    /** A template wording push alone, in English: {@code body} is its Mustache. */
    private String pushTemplate(String body) {
        return template("{\"defaultLocale\": \"en\", \"locales\": {\"en\": {\"push\": {\"body\": \"" + body + "\"}}}}");
    }

    /** A user with an iOS device, a phone and a mailbox, in this locale. */
    private String user(String locale, String token, String phone, String email) {
        String user = unique("user");
        assertThat(put("/api/v1/users/" + user, "{\"locale\":\"" + locale + "\",\"phone\":\"" + phone
                + "\",\"email\":\"" + email + "\"}").status()).isEqualTo(200);
        assertThat(post("/api/v1/users/" + user + "/devices",
                "{\"platform\":\"ios\",\"token\":\"" + token + "\"}").status()).isEqualTo(201);
        return user;
    }

    private HubTest.Response send(String userIds, String fields) {
        return post("/api/v1/notifications", "{\"eventId\":\"" + unique("evt") + "\",\"userIds\":" + userIds + fields
                + "}");
    }

    @Test
    void koreanAndEnglishUsersEachGetTheirLanguageOnEveryChannel() {
        String id = template(TemplatesApiTest.ORDER_SHIPPED);
        String koToken = apnsToken(unique("ko"));
        String enToken = apnsToken(unique("en"));
        String koPhone = koreanMobile();
        String enPhone = koreanMobile();
        String koMail = unique("ko") + "@example.com";
        String enMail = unique("en") + "@example.com";
        String ko = user("ko-KR", koToken, koPhone, koMail);
        String en = user("en-US", enToken, enPhone, enMail);

        HubTest.Response accepted = send("[\"" + ko + "\",\"" + en + "\"]",
                ",\"template\":\"" + id + "\",\"params\":" + PARAMS);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        JsonNode koPush = awaitSandbox(koToken, 1).get(0);
        assertThat(koPush.path("title").asText()).isEqualTo("김<민수>님, 주문이 출발했어요");
        assertThat(koPush.path("body").asText()).isEqualTo("주문 A-1: 컵 펜 ");
        JsonNode enPush = awaitSandbox(enToken, 1).get(0);
        assertThat(enPush.path("title").asText()).isEqualTo("김<민수>, your order shipped");
        assertThat(enPush.path("body").asText()).isEqualTo("Order A-1: 컵 펜 ");

        assertThat(awaitSandbox(koPhone, 1).get(0).path("body").asText()).isEqualTo("[샵] 김<민수>님 주문 A-1 출발");
        assertThat(awaitSandbox(enPhone, 1).get(0).path("body").asText()).isEqualTo("[Shop] 김<민수>, order A-1 shipped");

        JsonNode koEmail = awaitSandbox(koMail, 1).get(0);
        assertThat(koEmail.path("title").asText()).isEqualTo("주문 A-1 배송 시작");
        // plain text is not escaped, HTML is
        assertThat(koEmail.path("body").asText()).isEqualTo("김<민수>님, 주문이 출발했어요.");
        assertThat(koEmail.path("headers").path("html").asText())
                .isEqualTo("<p>김&lt;민수&gt;님, 주문이 <b>출발</b>했어요.</p>");
        assertThat(koEmail.path("headers").path("Content-Type").asText()).startsWith("multipart/alternative");
        JsonNode enEmail = awaitSandbox(enMail, 1).get(0);
        assertThat(enEmail.path("title").asText()).isEqualTo("Order A-1 shipped");
        assertThat(enEmail.path("headers").path("html").asText())
                .isEqualTo("<p>김&lt;민수&gt;, your order is <b>on its way</b>.</p>");

        JsonNode status = awaitSettled(accepted.json().path("notificationId").asText());
        assertThat(status.path("template").path("id").asText()).isEqualTo(id);
        assertThat(status.path("template").path("version").asInt()).isEqualTo(1);
        assertThat(status.path("template").path("params").path("orderId").asText()).isEqualTo("A-1");
        assertThat(status.path("category").asText()).isEqualTo("orders");
        status.path("deliveries").forEach(delivery -> {
            assertThat(delivery.path("status").asText()).isEqualTo("SENT");
            assertThat(delivery.path("locale").asText())
                    .isEqualTo(delivery.path("userId").asText().equals(ko) ? "ko-KR" : "en");
        });
        assertThat(status.path("deliveries").size()).isEqualTo(6);
    }

    @Test
    void aUserWithoutALocaleOfTheTemplateGetsTheDefaultAndALanguageMatchesItsRegions() {
        String id = template(TemplatesApiTest.ORDER_SHIPPED);
        String frToken = apnsToken(unique("fr"));
        String koToken = apnsToken(unique("ko"));
        String fr = user("fr-FR", frToken, koreanMobile(), unique("fr") + "@example.com");
        String ko = user("ko", koToken, koreanMobile(), unique("ko") + "@example.com");

        assertThat(send("[\"" + fr + "\",\"" + ko + "\"]", ",\"channels\":[\"push\"],\"template\":\"" + id
                + "\",\"params\":" + PARAMS).status()).isEqualTo(202);
        assertThat(awaitSandbox(frToken, 1).get(0).path("title").asText()).isEqualTo("김<민수>, your order shipped");
        // "ko" has no wording of its own and is not ko-KR's language: the default
        assertThat(awaitSandbox(koToken, 1).get(0).path("title").asText()).isEqualTo("김<민수>, your order shipped");
    }

    /**
     * A notification accepted with version 1 (as if just before the edit: its record on
     * notify.accepted names the version) renders with version 1, though version 2 is current and
     * the template retired by the time fan-out reads it.
     */
    @Test
    void anEditOrRetirementAfterAcceptanceDoesNotChangeWhatIsSent() throws Exception {
        String id = template("""
                {"defaultLocale": "en", "locales": {"en": {"push": {"title": "v1", "body": "first {{n}}"}}}}""");
        assertThat(put("/api/v1/templates/" + id, """
                {"defaultLocale": "en", "locales": {"en": {"push": {"title": "v2", "body": "second {{n}}"}}}}""")
                .status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/templates/" + id, null).status()).isEqualTo(204);

        String token = apnsToken(unique("v"));
        String user = userWithDevice("ios", token);
        String eventId = unique("evt");
        String notificationId = ValidNotification.idOf(eventId);
        sendToTopic("notify.accepted", notificationId, JSON.writeValueAsString(Map.ofEntries(
                Map.entry("notificationId", notificationId), Map.entry("eventId", eventId),
                Map.entry("userIds", new String[] {user}), Map.entry("channels", new String[] {"push"}),
                Map.entry("data", Map.of()), Map.entry("priority", "high"), Map.entry("background", false),
                Map.entry("template", Map.of("id", id, "version", 1, "params", Map.of("n", 7))),
                Map.entry("acceptedAt", Instant.now().toString()))));

        JsonNode push = awaitSandbox(token, 1).get(0);
        assertThat(push.path("title").asText()).isEqualTo("v1");
        assertThat(push.path("body").asText()).isEqualTo("first 7");
        assertThat(awaitSettled(notificationId).path("template").path("version").asInt()).isEqualTo(1);
    }

    /** A category's default channels may name one the template has no wording for: the template's own decide. */
    @Test
    void aTemplatedNotificationWithoutChannelsGoesOnTheTemplatesChannelsNotItsCategorys() {
        String category = unique("cat");
        assertThat(put("/api/v1/categories/" + category, "{\"defaultChannels\": [\"sms\"]}").status()).isEqualTo(200);
        String id = template("{\"category\": \"" + category + "\", \"defaultLocale\": \"en\", "
                + "\"locales\": {\"en\": {\"push\": {\"body\": \"pushed\"}}}}");
        String token = apnsToken(unique("cat"));
        String user = userWithDevice("ios", token);
        HubTest.Response accepted = send("[\"" + user + "\"]", ",\"template\":\"" + id + "\"");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(awaitSandbox(token, 1).get(0).path("body").asText()).isEqualTo("pushed");
        assertThat(awaitSettled(accepted.json().path("notificationId").asText()).path("channels").toString())
                .isEqualTo("[\"push\"]");
    }

    @Test
    void theCurrentVersionIsFixedAtAcceptance() {
        String id = pushTemplate("first");
        String token = apnsToken(unique("v"));
        String user = userWithDevice("ios", token);
        HubTest.Response first = send("[\"" + user + "\"]", ",\"template\":\"" + id + "\"");
        assertThat(put("/api/v1/templates/" + id, """
                {"defaultLocale": "en", "locales": {"en": {"push": {"body": "second"}}}}""").status()).isEqualTo(200);
        HubTest.Response second = send("[\"" + user + "\"]", ",\"template\":\"" + id + "\"");
        assertThat(awaitSettled(first.json().path("notificationId").asText()).path("template").path("version").asInt())
                .isEqualTo(1);
        assertThat(awaitSettled(second.json().path("notificationId").asText()).path("template").path("version").asInt())
                .isEqualTo(2);
        assertThat(awaitSandbox(token, 2).findValuesAsText("body")).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void wordingAChannelCannotCarryFailsUnsentAndIsNeverCut() {
        String id = template("""
                {"defaultLocale": "en", "locales": {"en": {"sms": {"text": "{{text}}"}, "push": {"body": "{{text}}"}}}}""");
        String phone = koreanMobile();
        String token = apnsToken(unique("long"));
        String user = user("en", token, phone, unique("long") + "@example.com");
        HubTest.Response accepted = send("[\"" + user + "\"]", ",\"template\":\"" + id + "\",\"params\":{\"text\":\""
                + "가".repeat(1601) + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        JsonNode status = awaitSettled(accepted.json().path("notificationId").asText());
        assertThat(status.path("status").asText()).isEqualTo("FAILED");
        assertThat(status.path("deliveries").findValuesAsText("reason"))
                .containsExactlyInAnyOrder("CONTENT_TOO_LONG", "CONTENT_TOO_LONG");
        assertThat(status.path("deliveries").findValuesAsText("lastError"))
                .anySatisfy(error -> assertThat(error).contains("1601 characters", "Twilio carries at most 1600"))
                .anySatisfy(error -> assertThat(error).contains("push payload", "at most 4096"));
        assertThat(status.path("deliveries").findValuesAsText("locale")).containsOnly("en");
        assertThat(sandbox(phone)).isEmpty();
        assertThat(sandbox(token)).isEmpty();
    }

    /** The Kafka intake validates alike: a templated request is rendered, one lacking a param is parked with the reason. */
    @Test
    void theKafkaIntakeTakesTemplatesToo() {
        String id = pushTemplate("Hi {{name}}");
        String token = apnsToken(unique("kafka"));
        String user = userWithDevice("ios", token);
        sendToTopic("notify.requests", user, "{\"eventId\":\"" + unique("evt") + "\",\"userId\":\"" + user
                + "\",\"template\":\"" + id + "\",\"params\":{\"name\":\"Kim\"}}");
        assertThat(awaitSandbox(token, 1).get(0).path("body").asText()).isEqualTo("Hi Kim");

        String marker = unique("lacking");
        sendToTopic("notify.requests", user, "{\"eventId\":\"" + marker + "\",\"userId\":\"" + user
                + "\",\"template\":\"" + id + "\"}");
        assertThat(header(awaitRecords("notify.requests.dlq", marker, 1).get(0), "notify.dlq.reason"))
                .contains("params.name");
    }

    private JsonNode refused(String fields) {
        HubTest.Response response = send("[\"" + unique("u") + "\"]", fields);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().path("errors");
    }

    @Test
    void whatIsWrongWithATemplatedRequestIsNamedAtIntake() {
        String id = template(TemplatesApiTest.ORDER_SHIPPED);
        JsonNode missing = refused(",\"channels\":[\"sms\"],\"template\":\"" + id + "\",\"params\":{\"name\":\"Kim\"}");
        assertThat(missing.findValuesAsText("field")).containsOnly("params.orderId");
        assertThat(missing.findValuesAsText("message")).anySatisfy(message -> assertThat(message).contains("ko-KR"))
                .anySatisfy(message -> assertThat(message).contains("en"));

        assertThat(refused(",\"template\":\"" + id + "\",\"params\":" + PARAMS + ",\"body\":\"hi\"")
                .findValuesAsText("field")).contains("template");
        assertThat(refused(",\"template\":\"" + id + "\",\"params\":[1]").findValuesAsText("field")).contains("params");
        assertThat(refused(",\"template\":\"" + id + "\",\"params\":\"x\"").findValuesAsText("field")).contains("params");
        assertThat(refused(",\"template\":\"" + unique("none") + "\"").findValuesAsText("field")).contains("template");
        assertThat(refused(",\"body\":\"hi\",\"params\":{\"a\":1}").findValuesAsText("field")).contains("params");

        String pushOnly = pushTemplate("hi");
        assertThat(refused(",\"channels\":[\"email\"],\"template\":\"" + pushOnly + "\"").findValuesAsText("field"))
                .contains("channels");
        assertThat(call("DELETE", "/api/v1/templates/" + pushOnly, null).status()).isEqualTo(204);
        assertThat(refused(",\"template\":\"" + pushOnly + "\"").path(0).path("message").asText()).contains("retired");
    }

    /**
     * Another instance's change reaches this one as an announcement on notify.cache-invalidations:
     * the template is retired behind this instance's cache, and only the announcement makes it see so.
     */
    @Test
    void anAnnouncedChangeDropsTheCachedTemplate() {
        String id = pushTemplate("hi");
        String user = unique("u");
        // retired behind the cache's back, it is still served from the cache; the PUT's own
        // announcement may arrive late and drop the cache first, so the cycle is tried again then
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            db.sql("update template set retired_at = null where template_id = ?").param(id).update();
            assertThat(send("[\"" + user + "\"]", ",\"template\":\"" + id + "\"").status()).isEqualTo(202);
            db.sql("update template set retired_at = current_timestamp where template_id = ?").param(id).update();
            return send("[\"" + user + "\"]", ",\"template\":\"" + id + "\"").status() == 202;
        });

        sendToTopic("notify.cache-invalidations", id, Map.of("notify.cache", "templates"), id);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                send("[\"" + user + "\"]", ",\"template\":\"" + id + "\"").status() == 400);
    }
}
