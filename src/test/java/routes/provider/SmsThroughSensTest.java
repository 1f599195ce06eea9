package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxSensServer;
import routes.support.AlternateProviders;
import routes.support.HubTest;

/**
 * SENS as the only SMS provider: EUC-KR byte counts decide SMS or LMS, what SENS cannot carry is
 * refused at intake, requests are signed, and without a secondary a transient failure waits for
 * the next attempt.
 */
@AlternateProviders
class SmsThroughSensTest extends HubTest {

    @Autowired
    SandboxSensServer sens;

    private String sms(String phone, String extraFields) {
        return notifyOn("sms", userWithPhone(phone), extraFields);
    }

    private Response refused(String extraFields) {
        Response response = post("/api/v1/notifications", notification(unique("evt"), unique("user"), extraFields));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response;
    }

    @Test
    void upToNinetyEucKrBytesGoAsAnSmsSignedWithTheProjectKeys() {
        String phone = koreanMobile();
        String body = "가".repeat(45); // 90 bytes in EUC-KR
        String notificationId = sms(phone, ",\"title\":\"알림 제목\",\"body\":\"" + body + "\"");

        JsonNode message = awaitSandbox(phone, 1).get(0);
        JsonNode headers = message.path("headers");
        assertThat(headers.path("provider").asText()).isEqualTo("sens");
        assertThat(headers.path("type").asText()).isEqualTo("SMS");
        assertThat(headers.has("subject")).isFalse();
        assertThat(headers.path("from").asText()).isEqualTo(SandboxSensServer.FROM);
        assertThat(message.path("body").asText()).isEqualTo(body);

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        assertThat(delivery.path("providerMessageId").asText()).isEqualTo(headers.path("requestId").asText());
    }

    @Test
    void longerTextGoesAsAnLmsWithTheTitleOrADefaultAsSubject() {
        String titled = koreanMobile();
        String body = "가".repeat(46) + " Long text, 무조건 LMS"; // over 90 bytes
        sms(titled, ",\"title\":\"주문 안내\",\"body\":\"" + body + "\"");
        JsonNode message = awaitSandbox(titled, 1).get(0);
        assertThat(message.path("headers").path("type").asText()).isEqualTo("LMS");
        assertThat(message.path("headers").path("subject").asText()).isEqualTo("주문 안내");
        assertThat(message.path("title").asText()).isEqualTo("주문 안내");
        assertThat(message.path("body").asText()).isEqualTo(body);

        String untitled = koreanMobile();
        sms(untitled, ",\"body\":\"" + body + "\"");
        assertThat(awaitSandbox(untitled, 1).get(0).path("headers").path("subject").asText()).isEqualTo("알림");
    }

    @Test
    void textSensCannotCarryIsRefusedAtIntakeNamingTheField() {
        Response emoji = refused(",\"channels\":[\"sms\"],\"body\":\"곧 도착해요 🚚\"");
        assertThat(emoji.json().path("errors").path(0).path("field").asText()).isEqualTo("body");
        assertThat(emoji.json().path("errors").path(0).path("message").asText()).contains("U+1F69A", "EUC-KR");

        Response tooLong = refused(",\"channels\":[\"sms\"],\"body\":\"" + "가".repeat(1001) + "\"");
        assertThat(tooLong.json().path("errors").path(0).path("message").asText()).contains("2002 bytes", "2000");

        Response longSubject = refused(",\"channels\":[\"sms\"],\"title\":\"" + "제목".repeat(11) + "\",\"body\":\""
                + "가".repeat(46) + "\"");
        assertThat(longSubject.json().path("errors").path(0).path("field").asText()).isEqualTo("title");
        assertThat(longSubject.json().path("errors").path(0).path("message").asText()).contains("44 bytes", "40");

        // Without SMS the same text is fine; a short SMS does not carry the title at all.
        assertThat(notifyOn("push", unique("user"), ",\"body\":\"곧 도착해요 🚚\"")).isNotBlank();
        assertThat(notifyOn("sms", unique("user"), ",\"title\":\"" + "제목".repeat(11) + "\",\"body\":\"짧은 본문\""))
                .isNotBlank();
    }

    @Test
    void aSignatureSensDoesNotAcceptFailsAsUnauthorized() {
        String phone = koreanMobile();
        try (var rotated = sens.rotateSecret()) {
            JsonNode delivery = awaitDelivery(sms(phone, ",\"body\":\"서명 확인\""), "FAILED");
            assertThat(delivery.path("reason").asText()).isEqualTo("sens:401");
            assertThat(delivery.path("lastError").asText()).contains("Authentication Failed");
        }
    }

    @Test
    void withoutASecondaryUnavailableAndUnreachableAreTriedAgainAndThenSent() {
        String unavailable = koreanMobile();
        sens.failNext(unavailable, 1, 503, null);
        JsonNode busy = awaitDelivery(sms(unavailable, ",\"body\":\"안녕하세요\""), "SENT");
        assertThat(busy.path("attempts").asInt()).isEqualTo(2);
        assertThat(busy.path("lastError").asText()).contains("HTTP 503", "Endpoint Error");

        String dropped = koreanMobile();
        sens.dropNext(dropped);
        JsonNode unreachable = awaitDelivery(sms(dropped, ",\"body\":\"안녕하세요\""), "SENT");
        assertThat(unreachable.path("attempts").asInt()).isEqualTo(2);
        assertThat(unreachable.path("lastError").asText()).isNotBlank();

        assertThat(awaitSandbox(unavailable, 1)).hasSize(1);
        assertThat(awaitSandbox(dropped, 1)).hasSize(1);
    }

    @Test
    void numbersSensDoesNotSendToFailWithTheReason() {
        JsonNode foreign = awaitDelivery(sms("+14155550123", ",\"body\":\"hello\""), "FAILED");
        assertThat(foreign.path("reason").asText()).isEqualTo("sens:COUNTRY_NOT_SUPPORTED");

        String invalid = koreanMobile();
        sens.refuseNumber(invalid);
        JsonNode refused = awaitDelivery(sms(invalid, ",\"body\":\"안녕하세요\""), "FAILED");
        assertThat(refused.path("reason").asText()).isEqualTo("sens:400");
        assertThat(refused.path("lastError").asText()).contains("Bad Request Exception", "Invalid recipient number");
    }
}
