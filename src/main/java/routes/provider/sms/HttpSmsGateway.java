package routes.provider.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import routes.delivery.Delivery;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;
import routes.provider.TransientFailure;
import routes.user.Contacts;

/**
 * What the two HTTP providers share: the request's frame (POST, no header but the provider's) and
 * the classification of answers by HTTP status. 2xx is a receipt; 408, 429 and 5xx mean "not now";
 * any other 4xx (invalid number, bad credentials, unknown account) means "never".
 */
abstract class HttpSmsGateway implements SmsGateway {

    /** The provider's own code for a refusal (or the HTTP status), and its words. */
    record Refusal(String code, String message) {}

    protected final ObjectMapper json;
    private final String name;
    private final String label;
    private final String idField;
    private final boolean configured;

    /** {@code idField}: the field of an accepting answer that holds the provider's id for the message. */
    HttpSmsGateway(String name, String label, String idField, boolean configured, ObjectMapper json) {
        this.name = name;
        this.label = label;
        this.idField = idField;
        this.configured = configured;
        this.json = json;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean configured() {
        return configured;
    }

    /** Any number, unless the provider sends to some countries only. */
    @Override
    public boolean reaches(String phone) {
        return true;
    }

    /** Sets URL ({@code CamelHttpUri}), content type, auth headers and body for this delivery. */
    abstract void prepare(Delivery delivery, Message request);

    /** The code and words of a refusal, from the provider's error body. */
    abstract Refusal refusal(int status, JsonNode answer);

    @Override
    public final void request(Exchange exchange) {
        if (!configured()) {
            throw PermanentFailure.notConfigured("sms");
        }
        Delivery delivery = exchange.getProperty("delivery", Delivery.class);
        if (!reaches(delivery.recipient())) {
            throw new PermanentFailure(name + ":COUNTRY_NOT_SUPPORTED", label + " does not send to "
                    + Contacts.mask(delivery.recipient()), false);
        }
        // Intake checked the text against the primary; a provider switched since then refuses here, never cuts.
        List<Misfit> misfits = misfits(delivery.title(), delivery.body());
        if (!misfits.isEmpty()) {
            throw new PermanentFailure(name + ":UNFIT_TEXT", misfits.get(0).field() + " " + misfits.get(0).problem(),
                    false);
        }
        Message request = exchange.getMessage();
        // Nothing from the Kafka record may travel as an HTTP header.
        request.removeHeaders("*");
        request.setHeader(Exchange.HTTP_METHOD, "POST");
        prepare(delivery, request);
    }

    @Override
    public final ProviderReceipt answer(Exchange exchange) {
        Message response = exchange.getMessage();
        int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Duration retryAfter = TransientFailure.retryAfterHeader(response.getHeader("Retry-After", String.class));
        String text = response.getBody(String.class);
        // The request's credentials go no further than the call.
        response.removeHeaders("*");
        JsonNode answer = parse(text);
        if (status >= 200 && status < 300) {
            return new ProviderReceipt(answer.path(idField).asText(null));
        }
        Refusal refusal = refusal(status, answer);
        String words = refusal.message() != null ? refusal.message()
                : text == null || text.isBlank() ? "no details" : text.substring(0, Math.min(text.length(), 200));
        String recipient = exchange.getProperty("delivery", Delivery.class).recipient();
        String message = label + " answered HTTP " + status + ": " + masked(words, recipient);
        String reason = name + ":" + refusal.code();
        if (status == 408 || status == 429 || status >= 500) {
            throw new TransientFailure(reason, retryAfter == null ? message
                    : message + " (retry after " + retryAfter.toSeconds() + "s)", retryAfter, null);
        }
        throw new PermanentFailure(reason, message, false);
    }

    @Override
    public final void unreachable(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getMessage().removeHeaders("*");
        // Socket, connect and connection-pool timeouts are all InterruptedIOExceptions.
        if (cause instanceof InterruptedIOException) {
            throw new TransientFailure(name + ":TIMEOUT", label + " did not answer in time: " + cause, null, cause);
        }
        throw new TransientFailure(name + ":UNREACHABLE", label + " unreachable: " + cause, null, cause);
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Providers quote the number they refused; the delivery log shows recipients masked. */
    private static String masked(String words, String recipient) {
        String mask = Contacts.mask(recipient);
        String digits = recipient.substring(1);
        String national = recipient.startsWith("+82") ? "0" + recipient.substring(3) : recipient;
        return words.replace(recipient, mask).replace(digits, mask).replace(national, mask);
    }
}
