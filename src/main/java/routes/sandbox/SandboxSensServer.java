package routes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import routes.provider.sms.SensSettings;

/**
 * The embedded default's Naver Cloud SENS: {@code POST /sms/v2/services/{serviceId}/messages} with
 * the project and API key pair it issues at startup. Like the NCP API gateway it answers 401
 * Authentication Failed to a wrong access key, a timestamp more than 5 minutes off or a wrong
 * {@code x-ncp-apigw-signature-v2}, and 404 to an unknown service. It answers 400 to a From that
 * is not the registered calling number and to a {@code to} that is not a Korean number; it is
 * stricter than SENS about text: where SENS would cut a content over 90 (SMS) or 2,000 (LMS)
 * EUC-KR bytes or a subject over 40, or fail text EUC-KR cannot encode after accepting it, this
 * peer answers 400, so the hub's own checks are what keeps such text from being sent.
 */
public class SandboxSensServer extends SandboxSmsServer {

    /** The calling number registered in this sandbox project. */
    public static final String FROM = "0212345678";
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final Pattern KOREAN_NUMBER = Pattern.compile("0[1-9][0-9]{7,9}");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final String serviceId = String.format("ncp:sms:kr:%012d:sandbox",
            ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    private final String accessKey = randomHex(10).toUpperCase(Locale.ROOT);
    private final String secretKey = randomHex(20);

    public SandboxSensServer(SandboxOutbox outbox, ObjectMapper json) {
        super(outbox, json);
    }

    /** What the hub needs to reach this server as its SENS project. */
    public SensSettings settings() {
        return new SensSettings(baseUrl(), serviceId, accessKey, secretKey, FROM);
    }

    @Override
    protected Answer answer(HttpExchange http) throws IOException {
        String path = http.getRequestURI().getRawPath();
        Answer refused = authenticate(http.getRequestMethod(), path,
                http.getRequestHeaders().getFirst("x-ncp-apigw-timestamp"),
                http.getRequestHeaders().getFirst("x-ncp-iam-access-key"),
                http.getRequestHeaders().getFirst("x-ncp-apigw-signature-v2"));
        if (refused != null) {
            return refused;
        }
        if (!"POST".equals(http.getRequestMethod()) || !path.equals("/sms/v2/services/" + serviceId + "/messages")) {
            return gatewayError(404, "300", "Not Found Exception", "No such service or resource: " + path);
        }
        JsonNode request;
        try {
            request = json.readTree(http.getRequestBody());
        } catch (IOException e) {
            return gatewayError(400, "100", "Bad Request Exception", "The body is not JSON");
        }
        String to = request.path("messages").path(0).path("to").asText("");
        Answer scripted = scripted(to.startsWith("0") ? "+82" + to.substring(1) : to);
        if (scripted != null) {
            return scripted;
        }
        Answer invalid = invalid(request);
        if (invalid != null) {
            return invalid;
        }
        String requestId = "VORSSA-" + UUID.randomUUID();
        for (JsonNode message : request.path("messages")) {
            record(request, "+82" + message.path("to").asText().substring(1), requestId);
        }
        ObjectNode accepted = json.createObjectNode()
                .put("requestId", requestId)
                .put("requestTime", REQUEST_TIME.format(LocalDateTime.now(ZoneId.of("Asia/Seoul"))))
                .put("statusCode", "202")
                .put("statusName", "success");
        return new Answer(202, accepted.toString(), null);
    }

    @Override
    protected Answer error(int status) {
        return switch (status) {
            case 429 -> gatewayError(429, "420", "Rate Limited", "Too many requests");
            case 503 -> gatewayError(503, "500", "Endpoint Error", phrase(status));
            case 504 -> gatewayError(504, "510", "Endpoint Timeout", phrase(status));
            default -> gatewayError(status, "900", "Unexpected Error", phrase(status));
        };
    }

    @Override
    protected Answer invalidNumber(String phone) {
        return gatewayError(400, "100", "Bad Request Exception", "Invalid recipient number in messages[0].to");
    }

    private Answer authenticate(String method, String path, String timestamp, String key, String signature) {
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return gatewayError(401, "200", "Authentication Failed", "Invalid x-ncp-apigw-timestamp");
        }
        if (Duration.between(Instant.ofEpochMilli(sentAt), Instant.now()).abs().compareTo(CLOCK_SKEW) > 0) {
            return gatewayError(401, "200", "Authentication Failed", "The timestamp is more than 5 minutes off");
        }
        if (!accessKey.equals(key)
                || !signed(secret(secretKey), method + " " + path + "\n" + timestamp + "\n" + accessKey, signature)) {
            return gatewayError(401, "200", "Authentication Failed", "Invalid authentication information.");
        }
        return null;
    }

    /** SENS's rules for the request body, as its documentation states them. */
    private Answer invalid(JsonNode request) {
        String type = request.path("type").asText("");
        String content = request.path("content").asText("");
        int limit = switch (type) {
            case "SMS" -> 90;
            case "LMS" -> 2000;
            default -> -1;
        };
        if (limit < 0) {
            return badRequest("type must be SMS, LMS or MMS (with files)");
        }
        if (!request.path("countryCode").asText("82").equals("82")) {
            return badRequest("countryCode: this project sends to Korea (82) only");
        }
        if (!FROM.equals(request.path("from").asText())) {
            return badRequest("from is not a calling number registered in this project");
        }
        if (content.isEmpty() || !EUC_KR.newEncoder().canEncode(content) || content.getBytes(EUC_KR).length > limit) {
            return badRequest("content must be 1 to " + limit + " bytes of EUC-KR text for " + type);
        }
        String subject = request.path("subject").asText("");
        if (request.has("subject") && (type.equals("SMS") || !EUC_KR.newEncoder().canEncode(subject)
                || subject.getBytes(EUC_KR).length > 40)) {
            return badRequest("subject is for LMS only, at most 40 bytes of EUC-KR text");
        }
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty() || messages.size() > 100) {
            return badRequest("messages must hold 1 to 100 recipients");
        }
        for (JsonNode message : messages) {
            if (!KOREAN_NUMBER.matcher(message.path("to").asText("")).matches()) {
                return invalidNumber(message.path("to").asText());
            }
        }
        return null;
    }

    private void record(JsonNode request, String to, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("provider", "sens");
        headers.put("type", request.path("type").asText());
        if (request.has("subject")) {
            headers.put("subject", request.path("subject").asText());
        }
        headers.put("from", request.path("from").asText());
        headers.put("contentType", request.path("contentType").asText("COMM"));
        headers.put("requestId", requestId);
        outbox.record(new SandboxMessage(null, null, "sms", "sms", to, request.path("subject").asText(null),
                request.path("content").asText(), Map.of(), null, Instant.now(), headers));
    }

    private Answer badRequest(String details) {
        return gatewayError(400, "100", "Bad Request Exception", details);
    }

    private Answer gatewayError(int status, String code, String message, String details) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("errorCode", code).put("message", message).put("details", details);
        return new Answer(status, body.toString(), null);
    }

    /** Whether the signature is Base64(HmacSHA256(secret, message)), compared in constant time. */
    private static boolean signed(String secret, String message, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = hmac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
