package routes.provider.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.delivery.Channel;
import routes.delivery.ContentFault;
import routes.template.ChannelFit;
import routes.template.ChannelFit.Verdict;
import routes.template.Rendered;

/**
 * A template's rendered SMS text judged by each provider's own rules, as fan-out (the primary's)
 * and the preview (every configured provider's) see it.
 */
class TemplateSmsFitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SmsGateway twilio = new TwilioGateway(
            new TwilioSettings("https://api.twilio.test", "AC1", "token", "+15005550006"), JSON);
    private final SmsGateway sens = new SensGateway(
            new SensSettings("https://sens.test/", "svc-1", "access", "secret", "0212345678"), JSON);

    private static Rendered sms(String text) {
        return new Rendered("ko-KR", null, text, null);
    }

    @Test
    void emojiIsNotEncodableThroughSensButGoesThroughTwilio() {
        Rendered text = sms("주문이 출발했어요 🚚");
        assertThat(new ChannelFit(twilio, sens).check(Channel.SMS, text, Map.of(), false)).isEmpty();
        assertThat(new ChannelFit(sens, twilio).check(Channel.SMS, text, Map.of(), false))
                .get().extracting(Verdict::provider, Verdict::fault)
                .containsExactly("sens", ContentFault.CONTENT_NOT_ENCODABLE);
        assertThat(new ChannelFit(twilio, sens).each(Channel.SMS, text)).extracting(Verdict::provider, Verdict::fault)
                .containsExactly(tuple("sens", ContentFault.CONTENT_NOT_ENCODABLE));
    }

    @Test
    void lengthIsCountedAsEachProviderCountsIt() {
        // 1,001 Korean syllables: 2,002 bytes in EUC-KR (over SENS's LMS), 1,001 characters (within Twilio's)
        Rendered korean = sms("가".repeat(1001));
        assertThat(new ChannelFit(twilio, SmsGateway.NONE).check(Channel.SMS, korean, Map.of(), false)).isEmpty();
        assertThat(new ChannelFit(sens, SmsGateway.NONE).check(Channel.SMS, korean, Map.of(), false))
                .get().extracting(Verdict::fault).isEqualTo(ContentFault.CONTENT_TOO_LONG);
        assertThat(new ChannelFit(twilio, SmsGateway.NONE).check(Channel.SMS, sms("a".repeat(1601)), Map.of(), false))
                .get().extracting(Verdict::provider, Verdict::fault)
                .containsExactly("twilio", ContentFault.CONTENT_TOO_LONG);
        assertThat(new ChannelFit(sens, SmsGateway.NONE).check(Channel.SMS, sms("가".repeat(45)), Map.of(), false))
                .as("90 bytes: an SMS").isEmpty();
    }

    @Test
    void aPushOverFourKilobytesIsTooLongAndEmailCarriesAnyLength() {
        ChannelFit fit = new ChannelFit(twilio, sens);
        Rendered push = new Rendered("en", "title", "x".repeat(4100), null);
        assertThat(fit.check(Channel.PUSH, push, Map.of(), false)).get().extracting(Verdict::fault)
                .isEqualTo(ContentFault.CONTENT_TOO_LONG);
        assertThat(fit.check(Channel.PUSH, new Rendered("en", "title", "x".repeat(3900), null), Map.of("k", "v".repeat(200)),
                false)).as("data counts too").isPresent();
        assertThat(fit.check(Channel.EMAIL, new Rendered("en", "s", "x".repeat(100_000), null), Map.of(), false)).isEmpty();
    }

    @Test
    void wordingThatRendersBlankIsNeverSentOnAnyChannel() {
        ChannelFit fit = new ChannelFit(twilio, sens);
        assertThat(fit.check(Channel.SMS, sms("  \n"), Map.of(), false)).get()
                .extracting(Verdict::fault).isEqualTo(ContentFault.CONTENT_EMPTY);
        assertThat(fit.check(Channel.PUSH, new Rendered("en", "", " ", null), Map.of(), false)).get()
                .extracting(Verdict::fault).isEqualTo(ContentFault.CONTENT_EMPTY);
        assertThat(fit.check(Channel.EMAIL, new Rendered("en", "Order shipped", "", "<p>hi</p>"), Map.of(), false))
                .get().extracting(Verdict::problem).asString().startsWith("the text part is blank");
        // a push with a title only, and a background push (data, nothing to read), go out
        assertThat(fit.check(Channel.PUSH, new Rendered("en", "Order shipped", "", null), Map.of(), false)).isEmpty();
        assertThat(fit.check(Channel.PUSH, new Rendered("en", "", "", null), Map.of("k", "v"), true)).isEmpty();
        assertThat(fit.each(Channel.SMS, sms(""))).extracting(Verdict::fault).contains(ContentFault.CONTENT_EMPTY);
    }
}
