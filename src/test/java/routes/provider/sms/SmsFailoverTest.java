package routes.provider.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.provider.sms.SmsExchanges.KOREAN_PHONE;
import static routes.provider.sms.SmsExchanges.carrying;
import static routes.provider.sms.SmsExchanges.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import routes.delivery.Delivery;
import routes.provider.PermanentFailure;
import routes.provider.TransientFailure;

/** When deliver-sms hands a delivery to the secondary provider, and when it keeps the primary's failure. */
class SmsFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TwilioGateway TWILIO =
            new TwilioGateway(new TwilioSettings("https://twilio.test", "AC1", "tok", "+15005550006"), JSON);
    private static final SensGateway SENS =
            new SensGateway(new SensSettings("https://sens.test", "svc", "access", "secret", "0212345678"), JSON);
    private static final SensGateway UNCONFIGURED_SENS =
            new SensGateway(new SensSettings("https://sens.test", null, null, null, null), JSON);

    private final TransientFailure busy = new TransientFailure("twilio:503", "Twilio answered HTTP 503", null, null);

    private static Object decide(SmsGateway secondary, Delivery delivery, Exception primaryFailure) {
        Exchange exchange = carrying(delivery);
        if (primaryFailure != null) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, primaryFailure);
        }
        return new SmsFailover(TWILIO, secondary).failoverOrHold(exchange, delivery);
    }

    @Test
    void aTransientPrimaryFailureFailsOverToASecondaryThatCanCarryTheText() {
        Delivery delivery = sms(KOREAN_PHONE, null, "배송이 시작되었습니다");
        assertThat(decide(SENS, delivery, busy)).isSameAs(delivery);
    }

    @Test
    void aTransientFailureWrappedByCamelStillFailsOver() {
        Delivery delivery = sms(KOREAN_PHONE, null, "hi");
        assertThat(decide(SENS, delivery, new RuntimeCamelException(busy))).isSameAs(delivery);
    }

    @Test
    void anOpenCircuitFailsOverToo() {
        Delivery delivery = sms(KOREAN_PHONE, null, "hi");
        assertThat(decide(SENS, delivery, null)).isSameAs(delivery);
    }

    @Test
    void anOpenCircuitWithNowhereToGoIsHeldAsCircuitOpenNamingThePrimary() {
        Object held = decide(SmsGateway.NONE, sms(KOREAN_PHONE, null, "hi"), null);
        assertThat(held).isInstanceOfSatisfying(TransientFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo("CIRCUIT_OPEN");
            assertThat(failure.getMessage()).startsWith("primary SMS provider twilio:");
        });
    }

    @Test
    void aRefusalNeverFailsOverAndIsHeldAsItIs() {
        var refusal = new PermanentFailure("twilio:21211", "invalid number", false);
        assertThat(decide(SENS, sms(KOREAN_PHONE, null, "hi"), refusal)).isSameAs(refusal);
    }

    @Test
    void withoutASecondaryThePrimarysTransientFailureIsHeld() {
        assertThat(decide(SmsGateway.NONE, sms(KOREAN_PHONE, null, "hi"), busy)).isSameAs(busy);
        assertThat(decide(UNCONFIGURED_SENS, sms(KOREAN_PHONE, null, "hi"), busy)).isSameAs(busy);
    }

    @Test
    void aWrappedTransientFailureIsHeldUnwrapped() {
        assertThat(decide(SmsGateway.NONE, sms(KOREAN_PHONE, null, "hi"), new RuntimeCamelException(busy)))
                .isSameAs(busy);
    }

    @Test
    void aNumberTheSecondaryDoesNotReachStaysWithThePrimary() {
        assertThat(decide(SENS, sms("+14155550123", null, "hi"), busy)).isSameAs(busy);
    }

    @Test
    void aTextTheSecondaryCannotCarryStaysWithThePrimary() {
        assertThat(decide(SENS, sms(KOREAN_PHONE, null, "shipped 😀"), busy)).isSameAs(busy);
        assertThat(decide(SENS, sms(KOREAN_PHONE, "😀", "가".repeat(46)), busy)).as("emoji subject of an LMS")
                .isSameAs(busy);
    }
}
