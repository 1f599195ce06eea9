package routes.provider.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static routes.provider.sms.SmsExchanges.KOREAN_PHONE;
import static routes.provider.sms.SmsExchanges.carrying;
import static routes.provider.sms.SmsExchanges.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import routes.delivery.ContentFault;
import routes.provider.PermanentFailure;
import routes.provider.sms.SmsGateway.Misfit;

class TwilioGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TwilioGateway twilio(String baseUrl, String sid, String token, String from) {
        return new TwilioGateway(new TwilioSettings(baseUrl, sid, token, from), JSON);
    }

    private final TwilioGateway twilio = twilio("https://api.twilio.test//", "AC1", "tok", "+15005550006");

    @Nested
    class Misfits {

        @Test
        void aBodyOf1600CharactersFits() {
            assertThat(twilio.misfits(null, "a".repeat(1600))).isEmpty();
            assertThat(twilio.misfits(null, "가".repeat(1600))).as("Korean is one UTF-16 unit each").isEmpty();
        }

        @Test
        void aBodyOver1600CharactersIsNamed() {
            assertThat(twilio.misfits(null, "a".repeat(1601))).containsExactly(
                    new Misfit("body", "is 1601 characters; an SMS through Twilio carries at most 1600",
                            ContentFault.CONTENT_TOO_LONG));
        }

        @Test
        void anEmojiCountsAsTwoCharacters() {
            assertThat(twilio.misfits(null, "a".repeat(1598) + "😀")).isEmpty();
            assertThat(twilio.misfits(null, "a".repeat(1599) + "😀")).extracting(Misfit::field).containsExactly("body");
        }

        @Test
        void theTitleIsNotSentSoItNeverMisfits() {
            assertThat(twilio.misfits("😀".repeat(5000), "hi")).isEmpty();
        }

        @Test
        void noBodyHasNoMisfit() {
            assertThat(twilio.misfits("title", null)).isEmpty();
        }

        @Test
        void everyNumberIsReached() {
            assertThat(twilio.reaches("+14155550123")).isTrue();
            assertThat(twilio.reaches(KOREAN_PHONE)).isTrue();
        }
    }

    @Nested
    class Requests {

        @Test
        void itIsConfiguredOnlyWithSidTokenAndFrom() {
            assertThat(twilio.configured()).isTrue();
            assertThat(twilio("https://x", "AC1", "tok", " ").configured()).isFalse();
            assertThat(twilio("https://x", null, "tok", "+1500").configured()).isFalse();
            assertThat(twilio("https://x", "AC1", "", "+1500").configured()).isFalse();
        }

        @Test
        void anUnconfiguredTwilioRefusesEverySendAsNotConfigured() {
            TwilioGateway unconfigured = twilio("https://x", "AC1", null, "+1500");
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                    () -> unconfigured.request(carrying(sms(KOREAN_PHONE, null, "hi"))));
            assertThat(failure.reason()).isEqualTo("PROVIDER_NOT_CONFIGURED");
        }

        @Test
        void aTextThatDoesNotFitIsRefusedNotCut() {
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                    () -> twilio.request(carrying(sms(KOREAN_PHONE, null, "a".repeat(1601)))));
            assertThat(failure.reason()).isEqualTo("twilio:UNFIT_TEXT");
            assertThat(failure.getMessage()).startsWith("body is 1601 characters");
        }

        @Test
        void aSendIsAFormPostToTheAccountsMessagesWithBasicAuthAndNoOtherHeader() {
            Exchange exchange = carrying(sms(KOREAN_PHONE, "ignored title", "주문 & 배송 = 완료"));
            exchange.getMessage().setHeader("kafka.KEY", "u-1");
            exchange.getMessage().setHeader("notify.recheck", "true");
            twilio.request(exchange);

            var request = exchange.getMessage();
            assertThat(request.getHeaders()).containsOnlyKeys(Exchange.HTTP_METHOD, Exchange.HTTP_URI,
                    Exchange.CONTENT_TYPE, "Authorization");
            assertThat(request.getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
            assertThat(request.getHeader(Exchange.HTTP_URI))
                    .isEqualTo("https://api.twilio.test/2010-04-01/Accounts/AC1/Messages.json");
            assertThat(request.getHeader("Authorization")).isEqualTo(
                    "Basic " + Base64.getEncoder().encodeToString("AC1:tok".getBytes(StandardCharsets.UTF_8)));
            assertThat(new String(request.getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo(
                    "To=%2B821012345678&From=%2B15005550006&Body="
                            + "%EC%A3%BC%EB%AC%B8+%26+%EB%B0%B0%EC%86%A1+%3D+%EC%99%84%EB%A3%8C");
        }
    }

    @Nested
    class Refusals {

        @Test
        void twiliosNumericCodeIsTheReasonAndItsMessageTheWords() {
            var refusal = twilio.refusal(400, JSON.createObjectNode().put("code", 21610).put("message", "unsubscribed"));
            assertThat(refusal).isEqualTo(new HttpSmsGateway.Refusal("21610", "unsubscribed"));
        }

        @Test
        void withoutANumericCodeTheHttpStatusIsTheReason() {
            assertThat(twilio.refusal(401, JSON.createObjectNode().put("code", "x")))
                    .isEqualTo(new HttpSmsGateway.Refusal("401", null));
        }
    }
}
