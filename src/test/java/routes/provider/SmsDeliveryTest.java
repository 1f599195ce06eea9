package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxSensServer;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubTest;

/**
 * SMS in the embedded default: Twilio-style primary, SENS secondary, both local HTTP servers that
 * check credentials as the real APIs do. What each received is read back from the sandbox listing.
 */
class SmsDeliveryTest extends HubTest {

    @Autowired
    SandboxTwilioServer twilio;

    @Autowired
    SandboxSensServer sens;

    private String sms(String phone, String extraFields) {
        return notifyOn("sms", userWithPhone(phone), extraFields);
    }

    private static String provider(JsonNode message) {
        return message.path("headers").path("provider").asText();
    }

    @Test
    void koreanWithEmojiGoesThroughTwilioWithBasicAuthAndTwilioSidIsStored() {
        String phone = koreanMobile();
        String notificationId = sms(phone, ",\"title\":\"배송 안내\",\"body\":\"주문하신 상품이 출발했어요 🚚\"");

        JsonNode message = awaitSandbox(phone, 1).get(0);
        assertThat(provider(message)).isEqualTo("twilio");
        assertThat(message.path("body").asText()).isEqualTo("주문하신 상품이 출발했어요 🚚");
        assertThat(message.path("headers").path("from").asText()).isEqualTo(SandboxTwilioServer.FROM);

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        assertThat(delivery.path("providerMessageId").asText())
                .matches("SM[0-9a-f]{32}")
                .isEqualTo(message.path("headers").path("sid").asText());
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void twilioUnavailableFailsOverToSensAndTheDeliveryIsSent() {
        String phone = koreanMobile();
        twilio.failNext(phone, 1, 503, null);
        String notificationId = sms(phone, ",\"title\":\"주문\",\"body\":\"배송이 시작되었습니다\"");

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        JsonNode received = sandbox(phone);
        assertThat(received).hasSize(1);
        JsonNode message = received.get(0);
        assertThat(provider(message)).isEqualTo("sens");
        assertThat(message.path("headers").path("type").asText()).isEqualTo("SMS");
        assertThat(message.path("body").asText()).isEqualTo("배송이 시작되었습니다");
        assertThat(delivery.path("providerMessageId").asText()).isEqualTo(message.path("headers").path("requestId").asText());
    }

    @Test
    void invalidNumberFailsWithTwilioReasonAndDoesNotFailOver() {
        String phone = koreanMobile();
        twilio.refuseNumber(phone);

        JsonNode delivery = awaitDelivery(sms(phone, ",\"body\":\"안녕하세요\""), "FAILED");
        assertThat(delivery.path("reason").asText()).isEqualTo("twilio:21211");
        assertThat(delivery.path("lastError").asText()).contains("HTTP 400", "is not a valid phone number")
                .doesNotContain(phone.substring(1));
        assertThat(sandbox(phone)).isEmpty();
    }

    @Test
    void credentialsTwilioNoLongerAcceptsFailTheDeliveryWithoutFailover() {
        String phone = koreanMobile();
        JsonNode delivery;
        try (var rotated = twilio.rotateSecret()) {
            delivery = awaitDelivery(sms(phone, ",\"body\":\"안녕하세요\""), "FAILED");
        }
        assertThat(delivery.path("reason").asText()).isEqualTo("twilio:20003");
        assertThat(delivery.path("lastError").asText()).contains("HTTP 401", "Authenticate");
        assertThat(sandbox(phone)).as("nothing went to SENS either").isEmpty();
    }

    @Test
    void failingTwilioOpensTheCircuitSoSensTakesOverAtOnceUntilATrialCallSucceeds() {
        String failing = koreanMobile();
        String user = userWithPhone(failing);
        twilio.failNext(failing, 10, 503, null);
        // Five transient failures in the window of ten make the failure rate 50 % at least: open.
        for (int i = 1; i <= 5; i++) {
            awaitDelivery(notifyOn("sms", user, ",\"body\":\"재시도 " + i + "\""), "SENT");
        }
        assertThat(sandbox(failing)).hasSize(5).allMatch(message -> provider(message).equals("sens"));

        String bystander = koreanMobile();
        awaitDelivery(sms(bystander, ",\"body\":\"우회 발송\""), "SENT");
        assertThat(provider(sandbox(bystander).get(0))).as("sent while the circuit is open").isEqualTo("sens");

        // Once the open state has lasted (5 s here), one trial call goes to Twilio and closes the circuit.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String probe = koreanMobile();
            awaitDelivery(sms(probe, ",\"body\":\"복구 확인\""), "SENT");
            return provider(sandbox(probe).get(0)).equals("twilio");
        });
        String after = koreanMobile();
        awaitDelivery(sms(after, ",\"body\":\"정상\""), "SENT");
        assertThat(provider(sandbox(after).get(0))).isEqualTo("twilio");
    }

    @Test
    void bodyOverTwilioLimitIsRefusedAtIntakeWhenSmsIsRequested() {
        String user = userWithPhone(koreanMobile());
        String body = "a".repeat(1601);
        Response refused = post("/api/v1/notifications", notification(unique("evt"), user,
                ",\"channels\":[\"sms\"],\"body\":\"" + body + "\""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").path(0).path("field").asText()).isEqualTo("body");
        assertThat(refused.json().path("errors").path(0).path("message").asText()).contains("1601", "Twilio", "1600");

        assertThat(notifyOn("email", user, ",\"body\":\"" + body + "\"")).isNotBlank();
    }
}
