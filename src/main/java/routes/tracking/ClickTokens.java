package routes.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;

/**
 * Click tracking for links in emails: a link becomes {@code <base-url>/t/c/<token>}, the token
 * carrying the delivery id and the URL, signed with HMAC-SHA256 under {@code notify.tracking.secret},
 * so the redirect goes only where the hub itself pointed (no open redirect) and a click is counted
 * for the right delivery.
 */
@Component("clickTokens")
public class ClickTokens {

    /** Where a verified link goes, and whose click it is. */
    public record ClickTarget(String deliveryId, String url) {}

    private static final Logger log = LoggerFactory.getLogger(ClickTokens.class);
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Environment environment;

    public ClickTokens(TrackingSettings settings, Environment environment) {
        byte[] bytes = settings.secret().getBytes(StandardCharsets.UTF_8);
        if (settings.secret().isBlank()) {
            log.warn("notify.tracking.secret is not set: click-tracking links are signed with a key made at startup, "
                    + "so they stop working after a restart and on other instances. Set NOTIFY_TRACKING_SECRET.");
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.environment = environment;
    }

    /**
     * The tracked form of a link in a delivery, or the link itself when {@code notify.tracking.base-url}
     * (the hub's public address) is not set. Read per link: in the embedded default it names the port
     * the server took.
     */
    public String track(String deliveryId, String url) {
        String base = environment.getProperty("notify.tracking.base-url", "");
        if (base.isBlank()) {
            return url;
        }
        String payload = ENCODE.encodeToString((deliveryId + "\n" + url).getBytes(StandardCharsets.UTF_8));
        return base.replaceAll("/+$", "") + "/t/c/" + payload + "." + ENCODE.encodeToString(sign(payload));
    }

    /** The target of a token this hub signed; anything else (altered, truncated, foreign) is not found. */
    public ClickTarget verify(@Header("token") String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot > 0) {
            String payload = token.substring(0, dot);
            try {
                if (MessageDigest.isEqual(sign(payload), DECODE.decode(token.substring(dot + 1)))) {
                    String[] parts = new String(DECODE.decode(payload), StandardCharsets.UTF_8).split("\n", 2);
                    if (parts.length == 2) {
                        return new ClickTarget(parts[0], parts[1]);
                    }
                }
            } catch (IllegalArgumentException notBase64) {
                // falls through to not found
            }
        }
        throw ApiProblem.notFound("No such link");
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
