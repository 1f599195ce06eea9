package routes.provider.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static routes.provider.sms.SmsExchanges.KOREAN_PHONE;
import static routes.provider.sms.SmsExchanges.answered;
import static routes.provider.sms.SmsExchanges.carrying;
import static routes.provider.sms.SmsExchanges.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.delivery.ContentFault;
import routes.provider.PermanentFailure;
import routes.provider.TransientFailure;
import routes.provider.sms.SmsGateway.Misfit;

class SensGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SensGateway sens = new SensGateway(
            new SensSettings("https://sens.test/", "svc-1", "access", "secret", "0212345678"), JSON);

    /** A text of {@code bytes} bytes in EUC-KR: Hangul takes two, ASCII one. */
    private static String ofBytes(int bytes) {
        return "가".repeat(bytes / 2) + "a".repeat(bytes % 2);
    }

    @Nested
    class Misfits {

        @Test
        void aShortBodyFitsAsAnSmsWhateverTheTitle() {
            assertThat(sens.misfits("😀 far too long a title for any LMS subject at all", ofBytes(90))).isEmpty();
        }

        @Test
        void aLongBodyFitsAsAnLmsUpTo2000Bytes() {
            assertThat(sens.misfits(null, ofBytes(2000))).isEmpty();
            assertThat(sens.misfits("배송 알림", ofBytes(2000))).isEmpty();
        }

        @Test
        void aBodyOver2000BytesInEucKrIsNamed() {
            assertThat(sens.misfits(null, ofBytes(2001))).containsExactly(
                    new Misfit("body", "is 2001 bytes in EUC-KR; an SMS through SENS carries at most 2000 (as LMS)",
                            ContentFault.CONTENT_TOO_LONG));
            // 1,001 Hangul syllables: 1,001 characters but 2,002 bytes
            assertThat(sens.misfits(null, "가".repeat(1001))).extracting(Misfit::field).containsExactly("body");
        }

        @ParameterizedTest
        @ValueSource(strings = {"😀", "é", "똠", "ก", "₩"})
        void aCharacterEucKrCannotEncodeIsNamedWithItsCodePoint(String unsendable) {
            assertThat(sens.misfits(null, "안녕 " + unsendable)).singleElement().satisfies(misfit -> {
                assertThat(misfit.field()).isEqualTo("body");
                assertThat(misfit.problem()).contains(String.format("U+%04X", unsendable.codePointAt(0)));
            });
        }

        @Test
        void commonSymbolsAndKoreanAreSendable() {
            assertThat(sens.misfits(null, "결제 완료: ￦10,000 (VAT 포함) ~ ① ™ € 一")).isEmpty();
        }

        @Test
        void theTitleMattersOnlyForAnLmsAsItsSubject() {
            String lms = ofBytes(91);
            assertThat(sens.misfits("😀", lms)).containsExactly(new Misfit("title",
                    "has '😀' (U+1F600), which SENS cannot carry as the subject of this LMS: it sends EUC-KR text only"
                            + " (no emoji)", ContentFault.CONTENT_NOT_ENCODABLE));
            assertThat(sens.misfits("😀", ofBytes(90))).isEmpty();
        }

        @Test
        void anLmsSubjectIsAtMost40BytesInEucKr() {
            String lms = ofBytes(91);
            assertThat(sens.misfits("가".repeat(20), lms)).isEmpty();
            assertThat(sens.misfits("가".repeat(20) + "a", lms)).singleElement()
                    .extracting(Misfit::field, Misfit::problem)
                    .containsExactly("title", "is 41 bytes in EUC-KR; SENS carries at most 40 as the subject of this LMS"
                            + " (the body is over 90 bytes)");
        }

        @Test
        void aBlankTitleIsNoSubjectAndNeverMisfits() {
            assertThat(sens.misfits("   ", ofBytes(500))).isEmpty();
        }

        @Test
        void theBodyIsJudgedBeforeTheTitle() {
            assertThat(sens.misfits("😀", ofBytes(2001))).extracting(Misfit::field).containsExactly("body");
            assertThat(sens.misfits("😀", "😀" + ofBytes(200))).extracting(Misfit::field).containsExactly("body");
        }

        @Test
        void noBodyHasNoMisfit() {
            assertThat(sens.misfits("😀", null)).isEmpty();
        }
    }

    @Nested
    class Reach {

        @Test
        void onlyKoreanNumbersAreReached() {
            assertThat(sens.reaches(KOREAN_PHONE)).isTrue();
            assertThat(sens.reaches("+14155550123")).isFalse();
            assertThat(sens.reaches("+8613812345678")).isFalse();
        }

        @Test
        void aSendToAnotherCountryIsRefusedWithTheNumberMasked() {
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                    () -> sens.request(carrying(sms("+14155550123", null, "hi"))));
            assertThat(failure.reason()).isEqualTo("sens:COUNTRY_NOT_SUPPORTED");
            assertThat(failure.getMessage()).isEqualTo("SENS does not send to +1415****123");
        }
    }

    @Nested
    class Requests {

        private JsonNode sent(String title, String body) throws Exception {
            Exchange exchange = carrying(sms(KOREAN_PHONE, title, body));
            sens.request(exchange);
            return JSON.readTree(exchange.getMessage().getBody(byte[].class));
        }

        @Test
        void aBodyOf90BytesGoesAsAnSmsWithoutSubject() throws Exception {
            JsonNode body = sent("Title", ofBytes(90));
            assertThat(body.path("type").asText()).isEqualTo("SMS");
            assertThat(body.has("subject")).isFalse();
        }

        @Test
        void aLongerBodyGoesAsAnLmsWithTheTitleAsSubject() throws Exception {
            JsonNode body = sent("배송", ofBytes(91));
            assertThat(body.path("type").asText()).isEqualTo("LMS");
            assertThat(body.path("subject").asText()).isEqualTo("배송");
        }

        @Test
        void anLmsWithoutTitleGetsTheDefaultSubject() throws Exception {
            assertThat(sent(null, ofBytes(91)).path("subject").asText()).isEqualTo("알림");
            assertThat(sent(" ", ofBytes(91)).path("subject").asText()).isEqualTo("알림");
        }

        @Test
        void theNumberGoesInNationalFormWithCountryCode82() throws Exception {
            JsonNode body = sent(null, "hi");
            assertThat(body.path("countryCode").asText()).isEqualTo("82");
            assertThat(body.path("messages").get(0).path("to").asText()).isEqualTo("01012345678");
            assertThat(body.path("from").asText()).isEqualTo("0212345678");
            assertThat(body.path("content").asText()).isEqualTo("hi");
        }

        @Test
        void theRequestIsSignedWithHmacSha256OverMethodPathTimestampAndAccessKey() throws Exception {
            Exchange exchange = carrying(sms(KOREAN_PHONE, null, "hi"));
            exchange.getMessage().setHeader("kafka.KEY", "u-1");
            sens.request(exchange);

            var request = exchange.getMessage();
            String path = "/sms/v2/services/svc-1/messages";
            assertThat(request.getHeader(Exchange.HTTP_URI)).isEqualTo("https://sens.test" + path);
            assertThat(request.getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
            assertThat(request.getHeader("kafka.KEY")).isNull();
            assertThat(request.getHeader("x-ncp-iam-access-key")).isEqualTo("access");
            String timestamp = request.getHeader("x-ncp-apigw-timestamp", String.class);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal(("POST " + path + "\n" + timestamp + "\naccess").getBytes(StandardCharsets.UTF_8)));
            assertThat(request.getHeader("x-ncp-apigw-signature-v2")).isEqualTo(expected);
        }

        @Test
        void itIsConfiguredOnlyWithServiceKeysAndFrom() {
            assertThat(sens.configured()).isTrue();
            assertThat(new SensGateway(new SensSettings("https://x", "svc", "access", null, "02"), JSON).configured())
                    .isFalse();
            assertThat(new SensGateway(new SensSettings("https://x", "", "access", "secret", "02"), JSON).configured())
                    .isFalse();
        }
    }

    @Nested
    class Answers {

        @Test
        void anAcceptedRequestIsAReceiptWithItsRequestId() {
            assertThat(sens.answer(answered(202, "{\"requestId\":\"RSSA-1\",\"statusCode\":\"202\"}", null))
                    .providerMessageId()).isEqualTo("RSSA-1");
        }

        @Test
        void theGatewaysErrorIsQuotedWithItsDetailsAndTheHttpStatusIsTheReason() {
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> sens.answer(answered(401,
                    "{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\","
                            + "\"details\":\"Invalid authentication information.\"}}", null)));
            assertThat(failure.reason()).isEqualTo("sens:401");
            assertThat(failure.getMessage())
                    .isEqualTo("SENS answered HTTP 401: Authentication Failed: Invalid authentication information.");
        }

        @Test
        void aGatewayErrorWithoutDetailsIsQuotedAlone() {
            TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> sens.answer(answered(429,
                    "{\"error\":{\"errorCode\":\"400\",\"message\":\"Rate Limited\"}}", "3")));
            assertThat(failure.reason()).isEqualTo("sens:429");
            assertThat(failure.getMessage()).isEqualTo("SENS answered HTTP 429: Rate Limited (retry after 3s)");
        }

        @Test
        void sensOwnErrorMessageIsQuotedWithTheNumberMasked() {
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> sens.answer(answered(400,
                    "{\"status\":\"400\",\"errorMessage\":\"invalid to: 01012345678\"}", null)));
            assertThat(failure.reason()).isEqualTo("sens:400");
            assertThat(failure.getMessage()).isEqualTo("SENS answered HTTP 400: invalid to: +8210*****678");
        }

        @Test
        void aServerErrorIsTransient() {
            assertThat(catchThrowableOfType(TransientFailure.class, () -> sens.answer(answered(500, "", null)))
                    .reason()).isEqualTo("sens:500");
        }
    }
}
