package routes.provider.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static routes.provider.sms.SmsExchanges.KOREAN_PHONE;
import static routes.provider.sms.SmsExchanges.answered;
import static routes.provider.sms.SmsExchanges.unanswered;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;

/**
 * What both HTTP SMS gateways make of an answer: 2xx a receipt; 408, 429 and 5xx "not now"; any
 * other status "never". Shown through Twilio's gateway; SENS's own codes are in SensGatewayTest.
 */
class HttpSmsGatewayTest {

    private final TwilioGateway twilio = new TwilioGateway(
            new TwilioSettings("https://api.twilio.test", "AC1", "token", "+15005550006"), new ObjectMapper());

    @Nested
    class Receipts {

        @ParameterizedTest
        @ValueSource(ints = {200, 201, 202, 299})
        void anySuccessIsAReceiptWithTheProvidersId(int status) {
            ProviderReceipt receipt = twilio.answer(answered(status, "{\"sid\":\"SM123\",\"status\":\"queued\"}", null));
            assertThat(receipt.providerMessageId()).isEqualTo("SM123");
        }

        @Test
        void aSuccessWithoutAnIdOrBodyIsStillAReceipt() {
            assertThat(twilio.answer(answered(201, "", null)).providerMessageId()).isNull();
            assertThat(twilio.answer(answered(201, "not json", null)).providerMessageId()).isNull();
        }

        @Test
        void theAnswersHeadersGoNoFurtherThanTheCall() {
            Exchange exchange = answered(201, "{\"sid\":\"SM1\"}", null);
            exchange.getMessage().setHeader("Authorization", "Basic secret");
            twilio.answer(exchange);
            assertThat(exchange.getMessage().getHeaders()).isEmpty();
        }
    }

    @Nested
    class NotNow {

        @ParameterizedTest
        @ValueSource(ints = {408, 429, 500, 502, 503, 504})
        void timeoutsRateLimitsAndServerErrorsAreTransient(int status) {
            TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                    () -> twilio.answer(answered(status, "", null)));
            assertThat(failure).isNotNull();
            assertThat(failure.reason()).isEqualTo("twilio:" + status);
            assertThat(failure.retryAfter()).isNull();
        }

        @Test
        void theProvidersOwnErrorCodeIsTheReason() {
            TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> twilio.answer(
                    answered(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", null)));
            assertThat(failure.reason()).isEqualTo("twilio:20429");
            assertThat(failure.getMessage()).isEqualTo("Twilio answered HTTP 429: Too Many Requests");
        }

        @Test
        void retryAfterInSecondsIsKeptAndStated() {
            TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                    () -> twilio.answer(answered(429, "", "7")));
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(failure.getMessage()).endsWith("(retry after 7s)");
        }

        @Test
        void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
            String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
            TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                    () -> twilio.answer(answered(503, "", inAMinute)));
            assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        }

        @Test
        void anUnreadableRetryAfterIsIgnored() {
            TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                    () -> twilio.answer(answered(503, "", "soon")));
            assertThat(failure.retryAfter()).isNull();
        }

        @Test
        void aBodyThatIsNotJsonIsQuotedUpTo200Characters() {
            String page = "<html>" + "x".repeat(300) + "</html>";
            TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                    () -> twilio.answer(answered(502, page, null)));
            assertThat(failure.getMessage()).isEqualTo("Twilio answered HTTP 502: " + page.substring(0, 200));
        }
    }

    @Nested
    class Never {

        @ParameterizedTest
        @ValueSource(ints = {400, 401, 403, 404, 409, 422})
        void otherClientErrorsArePermanentAndDoNotDeactivateAnything(int status) {
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
                    () -> twilio.answer(answered(status, "", null)));
            assertThat(failure).isNotNull();
            assertThat(failure.reason()).isEqualTo("twilio:" + status);
            assertThat(failure.isRecipientGone()).isFalse();
            assertThat(failure.getMessage()).isEqualTo("Twilio answered HTTP " + status + ": no details");
        }

        @Test
        void theRefusedNumberIsMaskedInEveryFormTheProviderQuotesIt() {
            String words = "The 'To' number " + KOREAN_PHONE + " (821012345678, 01012345678) is not valid.";
            PermanentFailure failure = catchThrowableOfType(PermanentFailure.class, () -> twilio.answer(
                    answered(400, "{\"code\":21211,\"message\":\"" + words + "\"}", null)));

            assertThat(failure.reason()).isEqualTo("twilio:21211");
            assertThat(failure.getMessage()).doesNotContain("1012345678")
                    .isEqualTo("Twilio answered HTTP 400: The 'To' number +8210*****678 (+8210*****678,"
                            + " +8210*****678) is not valid.");
        }
    }

    @Nested
    class NoAnswer {

        @Test
        void aTimeoutIsTransientAsTimeout() {
            var timeout = new SocketTimeoutException("Read timed out");
            TransientFailure failure = catchThrowableOfType(TransientFailure.class,
                    () -> twilio.unreachable(unanswered(timeout)));
            assertThat(failure.reason()).isEqualTo("twilio:TIMEOUT");
            assertThat(failure.getCause()).isSameAs(timeout);
        }

        @Test
        void anyInterruptedIoIsATimeout() {
            assertThat(catchThrowableOfType(TransientFailure.class,
                    () -> twilio.unreachable(unanswered(new InterruptedIOException("pool")))).reason())
                    .isEqualTo("twilio:TIMEOUT");
        }

        @Test
        void aRefusedConnectionIsTransientAsUnreachable() {
            Exchange exchange = unanswered(new ConnectException("Connection refused"));
            TransientFailure failure = catchThrowableOfType(TransientFailure.class, () -> twilio.unreachable(exchange));
            assertThat(failure.reason()).isEqualTo("twilio:UNREACHABLE");
            assertThat(failure.retryAfter()).isNull();
            assertThat(exchange.getMessage().getHeaders()).as("the request's credentials are dropped").isEmpty();
        }
    }
}
