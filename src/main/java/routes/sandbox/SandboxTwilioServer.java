package routes.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import routes.provider.sms.TwilioSettings;

/**
 * The embedded default's Twilio: the Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json})
 * with the account SID and auth token it issues at startup. Like Twilio it answers 401 (20003) to
 * wrong basic auth, 404 to another account's path, 400 with Twilio's codes to an invalid To (21211),
 * a From that is not the account's (21606), a missing body (21602) or one over 1,600 characters
 * (21617), and 201 with the message's {@code sid} otherwise.
 */
public class SandboxTwilioServer extends SandboxSmsServer {

    /** Twilio's magic test number that is always a valid From. */
    public static final String FROM = "+15005550006";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final String accountSid = "AC" + randomHex(16);
    private final String authToken = randomHex(16);

    public SandboxTwilioServer(SandboxOutbox outbox, ObjectMapper json) {
        super(outbox, json);
    }

    /** What the hub needs to reach this server as its Twilio account. */
    public TwilioSettings settings() {
        return new TwilioSettings(baseUrl(), accountSid, authToken, FROM);
    }

    @Override
    protected Answer answer(HttpExchange http) throws IOException {
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(
                (accountSid + ":" + secret(authToken)).getBytes(StandardCharsets.UTF_8));
        if (!expectedAuth.equals(http.getRequestHeaders().getFirst("Authorization"))) {
            return twilioError(401, 20003, "Authenticate");
        }
        if (!http.getRequestURI().getRawPath().equals("/2010-04-01/Accounts/" + accountSid + "/Messages.json")) {
            return twilioError(404, 20404, "The requested resource " + http.getRequestURI().getRawPath()
                    + " was not found");
        }
        if (!"POST".equals(http.getRequestMethod())) {
            return twilioError(405, 20004, "Method not allowed");
        }
        Map<String, String> form = form(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String to = form.getOrDefault("To", "");
        String from = form.getOrDefault("From", "");
        String body = form.getOrDefault("Body", "");
        Answer scripted = scripted(to);
        if (scripted != null) {
            return scripted;
        }
        if (!E164.matcher(to).matches()) {
            return invalidNumber(to);
        }
        if (!FROM.equals(from)) {
            return twilioError(400, 21606, "The From phone number " + from
                    + " is not a valid, SMS-capable inbound phone number or short code for your account.");
        }
        if (body.isBlank()) {
            return twilioError(400, 21602, "Message body is required.");
        }
        if (body.length() > 1600) {
            return twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        String sid = "SM" + randomHex(16);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("provider", "twilio");
        headers.put("from", from);
        headers.put("sid", sid);
        outbox.record(new SandboxMessage(null, null, "sms", "sms", to, null, body, Map.of(), null, Instant.now(),
                headers));
        ObjectNode created = json.createObjectNode()
                .put("sid", sid)
                .put("account_sid", accountSid)
                .put("to", to)
                .put("from", from)
                .put("body", body)
                .put("status", "queued")
                .put("date_created", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        return new Answer(201, created.toString(), null);
    }

    @Override
    protected Answer error(int status) {
        // Twilio's codes for HTTP-level errors are 20000 + the status (20429, 20503...).
        return twilioError(status, 20000 + status, phrase(status));
    }

    @Override
    protected Answer invalidNumber(String phone) {
        return twilioError(400, 21211, "The 'To' number " + phone + " is not a valid phone number.");
    }

    private Answer twilioError(int status, int code, String message) {
        ObjectNode error = json.createObjectNode()
                .put("code", code)
                .put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status);
        return new Answer(status, error.toString(), null);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
