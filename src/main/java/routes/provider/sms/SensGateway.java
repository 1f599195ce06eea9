package routes.provider.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static routes.delivery.ContentFault.CONTENT_NOT_ENCODABLE;
import static routes.delivery.ContentFault.CONTENT_TOO_LONG;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import routes.delivery.Delivery;

/**
 * Naver Cloud SENS v2: {@code POST /sms/v2/services/{serviceId}/messages} with a JSON body, signed
 * with the API key pair ({@code x-ncp-apigw-signature-v2}, HmacSHA256 over method, path, timestamp
 * and access key). SENS sends EUC-KR text to Korean numbers: up to 90 bytes as an SMS, up to 2,000
 * as an LMS with a subject of up to 40 bytes; it cuts what is longer and fails what EUC-KR cannot
 * encode (emoji), so the hub refuses both instead.
 */
final class SensGateway extends HttpSmsGateway {

    static final Charset EUC_KR = Charset.forName("EUC-KR");
    static final int SMS_BYTES = 90;
    static final int LMS_BYTES = 2000;
    static final int SUBJECT_BYTES = 40;
    /** The LMS subject of a notification without a title: "notification". */
    static final String DEFAULT_SUBJECT = "알림";

    private final SensSettings settings;

    SensGateway(SensSettings settings, ObjectMapper json) {
        super("sens", "SENS", "requestId", settings.configured(), json);
        this.settings = settings;
    }

    /** Korean numbers only: the hub sends SENS the national form with country code 82. */
    @Override
    public boolean reaches(String phone) {
        return phone.startsWith("+82");
    }

    /** An SMS carries the body alone; an LMS also carries the title as its subject. */
    @Override
    public List<Misfit> misfits(String title, String body) {
        if (body == null) {
            return List.of();
        }
        String unsendable = unsendable(body);
        if (unsendable != null) {
            return List.of(new Misfit("body", "has " + unsendable + ", which an SMS through SENS cannot carry:"
                    + " SENS sends EUC-KR text only (Korean, Latin, common symbols; no emoji)",
                    CONTENT_NOT_ENCODABLE));
        }
        int bytes = bytes(body);
        if (bytes > LMS_BYTES) {
            return List.of(new Misfit("body", "is " + bytes + " bytes in EUC-KR; an SMS through SENS carries at most "
                    + LMS_BYTES + " (as LMS)", CONTENT_TOO_LONG));
        }
        if (bytes <= SMS_BYTES || !hasTitle(title)) {
            return List.of();
        }
        String unsendableTitle = unsendable(title);
        if (unsendableTitle != null) {
            return List.of(new Misfit("title", "has " + unsendableTitle + ", which SENS cannot carry as the subject"
                    + " of this LMS: it sends EUC-KR text only (no emoji)", CONTENT_NOT_ENCODABLE));
        }
        if (bytes(title) > SUBJECT_BYTES) {
            return List.of(new Misfit("title", "is " + bytes(title) + " bytes in EUC-KR; SENS carries at most "
                    + SUBJECT_BYTES + " as the subject of this LMS (the body is over " + SMS_BYTES + " bytes)",
                    CONTENT_TOO_LONG));
        }
        return List.of();
    }

    @Override
    void prepare(Delivery delivery, Message request) {
        String content = delivery.body();
        boolean lms = bytes(content) > SMS_BYTES;
        ObjectNode body = json.createObjectNode()
                .put("type", lms ? "LMS" : "SMS")
                .put("contentType", "COMM")
                .put("countryCode", "82")
                .put("from", settings.from());
        if (lms) {
            body.put("subject", hasTitle(delivery.title()) ? delivery.title() : DEFAULT_SUBJECT);
        }
        body.put("content", content);
        body.putArray("messages").addObject().put("to", "0" + delivery.recipient().substring(3));

        String path = "/sms/v2/services/" + settings.serviceId() + "/messages";
        String timestamp = Long.toString(System.currentTimeMillis());
        request.setHeader(Exchange.HTTP_URI, settings.baseUrl().replaceAll("/+$", "") + path);
        request.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        request.setHeader("x-ncp-apigw-timestamp", timestamp);
        request.setHeader("x-ncp-iam-access-key", settings.accessKey());
        request.setHeader("x-ncp-apigw-signature-v2",
                signature(settings.secretKey(), "POST " + path + "\n" + timestamp + "\n" + settings.accessKey()));
        try {
            request.setBody(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SENS request could not be written", e);
        }
    }

    /**
     * The API gateway answers {@code {error: {errorCode, message, details}}} (401 Authentication
     * Failed, 429 Rate Limited...); SENS itself may answer with {@code errorMessage}. The HTTP status
     * is the code kept, the words come from whichever is there.
     */
    @Override
    Refusal refusal(int status, JsonNode answer) {
        JsonNode error = answer.path("error");
        String words = error.isObject()
                ? error.path("message").asText("") + (error.hasNonNull("details") ? ": " + error.path("details").asText() : "")
                : answer.path("errorMessage").asText(null);
        return new Refusal(String.valueOf(status), words);
    }

    private static String signature(String secretKey, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean hasTitle(String title) {
        return title != null && !title.isBlank();
    }

    private static int bytes(String text) {
        return text.getBytes(EUC_KR).length;
    }

    /** The first character EUC-KR cannot encode, quoted with its code point; null when there is none. */
    private static String unsendable(String text) {
        CharsetEncoder encoder = EUC_KR.newEncoder();
        return text.codePoints()
                .filter(c -> !encoder.canEncode(Character.toString(c)))
                .mapToObj(c -> String.format("'%s' (U+%04X)", Character.toString(c), c))
                .findFirst().orElse(null);
    }
}
