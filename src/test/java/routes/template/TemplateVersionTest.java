package routes.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;

/** The rules of one template version: what it accepts, which locale a recipient gets, what params it needs. */
class TemplateVersionTest {

    private static TemplateVersion compile(String json) throws Exception {
        return TemplateVersion.compile("t", 3, new ObjectMapper().readValue(json, TemplateContent.class));
    }

    private static final String WORDED = """
            {"defaultLocale": "en", "locales": {
              "ko-KR": {"push": {"title": "{{name}}님", "body": "주문 {{orderId}}"}},
              "ko":    {"push": {"body": "{{name}}"}, "sms": {"text": "{{name}} {{code}}"}},
              "en":    {"push": {"body": "Hi {{name}}"}, "sms": {"text": "{{name}}"},
                        "email": {"subject": "S", "text": "{{name}}", "html": "<i>{{name}}</i>"}}}}""";

    @Test
    void aRecipientGetsTheirLocaleThenItsLanguageThenTheDefaultPerChannel() throws Exception {
        TemplateVersion template = compile(WORDED);
        assertThat(template.localeFor("ko-KR", Channel.PUSH)).isEqualTo("ko-KR");
        assertThat(template.localeFor("ko-kr", Channel.PUSH)).as("tags compare as Java writes them").isEqualTo("ko-KR");
        assertThat(template.localeFor("ko-KR", Channel.SMS)).as("ko-KR has no SMS wording, ko has").isEqualTo("ko");
        assertThat(template.localeFor("ko-KR", Channel.EMAIL)).isEqualTo("en");
        assertThat(template.localeFor("fr-FR", Channel.PUSH)).isEqualTo("en");
        assertThat(template.localeFor(null, Channel.PUSH)).isEqualTo("en");
    }

    @Test
    void everyLocaleARequestCanReachNamesWhatItLacks() throws Exception {
        TemplateVersion template = compile(WORDED);
        List<FieldError> missing = template.missing(EnumSet.of(Channel.SMS), Map.of("name", "Kim"));
        assertThat(missing).extracting(FieldError::field).containsExactly("params.code");
        assertThat(missing.get(0).message()).contains("ko (sms)");
        assertThat(template.missing(EnumSet.of(Channel.PUSH), Map.of("name", "Kim")))
                .extracting(FieldError::message).singleElement().asString().contains("ko-KR (push)");
        assertThat(template.missing(EnumSet.of(Channel.EMAIL), Map.of("name", "Kim"))).isEmpty();
    }

    @Test
    void onlyHtmlIsEscaped() throws Exception {
        TemplateVersion template = compile(WORDED);
        Rendered email = template.render("en", Channel.EMAIL, Map.of("name", "<b>"));
        assertThat(email.body()).isEqualTo("<b>");
        assertThat(email.html()).isEqualTo("<i>&lt;b&gt;</i>");
        assertThat(template.render("ko-KR", Channel.PUSH, Map.of("name", "<b>", "orderId", 1)))
                .isEqualTo(new Rendered("ko-KR", "<b>님", "주문 1", null));
    }

    @Test
    void channelsAskedForMustBeWorded() throws Exception {
        TemplateVersion template = compile("""
                {"defaultLocale": "en", "locales": {"en": {"push": {"body": "hi"}}}}""");
        List<FieldError> errors = new ArrayList<>();
        assertThat(template.channels(null, errors)).containsExactly(Channel.PUSH);
        template.channels(EnumSet.of(Channel.PUSH, Channel.SMS), errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("channels");
    }

    @Test
    void whatIsWrongIsNamedTogether() {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> compile("""
                {"defaultLocale": "de", "locales": {
                  "en_US": {"push": {"body": "hi"}},
                  "en-US-x-abcdefgh-abcdefgh-abcdefgh-a": {"push": {"body": "hi"}},
                  "en": {"email": {"text": "{{#a}}"}, "sms": {}}}}"""));
        assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "locales.en_US", "locales.en-US-x-abcdefgh-abcdefgh-abcdefgh-a", "locales.en.email.subject", "locales.en.email.text", "locales.en.sms.text",
                "defaultLocale");
    }

    @Test
    void paramsAreJsonValuesWithoutControlCharacters() {
        List<FieldError> errors = new ArrayList<>();
        HashMap<String, Object> params = new HashMap<>();
        params.put("ok", List.of(Map.of("n", 1), "x", true));
        params.put("gone", null);
        params.put("bell", List.of(Map.of("t", "a\u0007")));
        Params.checked(params, errors);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("params.gone", "params.bell[0].t");
        assertThat(Params.checked(null, errors)).isEmpty();
    }
}
