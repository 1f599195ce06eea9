package routes.provider.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import routes.delivery.ContentFault;
import routes.delivery.Delivery;

/**
 * Twilio's Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded To,
 * From and Body, HTTP basic auth with the account SID and auth token. Twilio picks the encoding
 * itself (UCS-2 for Korean and emoji) and splits long texts into segments, up to 1,600 characters.
 */
final class TwilioGateway extends HttpSmsGateway {

    static final int MAX_BODY = 1600;

    private final TwilioSettings settings;

    TwilioGateway(TwilioSettings settings, ObjectMapper json) {
        super("twilio", "Twilio", "sid", settings.configured(), json);
        this.settings = settings;
    }

    /** Twilio counts UTF-16 units, so an emoji takes two of the 1,600. The title is not sent. */
    @Override
    public List<Misfit> misfits(String title, String body) {
        if (body != null && body.length() > MAX_BODY) {
            return List.of(new Misfit("body", "is " + body.length() + " characters; an SMS through Twilio carries at most "
                    + MAX_BODY, ContentFault.CONTENT_TOO_LONG));
        }
        return List.of();
    }

    @Override
    void prepare(Delivery delivery, Message request) {
        String base = settings.baseUrl().replaceAll("/+$", "");
        request.setHeader(Exchange.HTTP_URI, base + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json");
        request.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=UTF-8");
        String credentials = settings.accountSid() + ":" + settings.authToken();
        request.setHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        String form = "To=" + encode(delivery.recipient()) + "&From=" + encode(settings.from()) + "&Body="
                + encode(delivery.body());
        request.setBody(form.getBytes(StandardCharsets.UTF_8));
    }

    /** Twilio's errors are {@code {code, message, more_info, status}}; the code names the cause (21211: invalid To). */
    @Override
    Refusal refusal(int status, JsonNode answer) {
        JsonNode code = answer.path("code");
        return new Refusal(code.isNumber() ? code.asText() : String.valueOf(status), answer.path("message").asText(null));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
