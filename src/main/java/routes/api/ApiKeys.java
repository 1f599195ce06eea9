package routes.api;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The bearer keys that may call {@code /api/v1}. Only the embedded default may run without
 * configured keys, and then it says loudly that it uses the well-known development key.
 */
@Component
public class ApiKeys {

    static final String DEVELOPMENT_KEY = "dev-secret-key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final List<byte[]> keys;

    public ApiKeys(ApiSettings settings, Environment environment) {
        List<String> usable = settings.apiKeys().stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        if (usable.isEmpty()) {
            if (!environment.acceptsProfiles(Profiles.of("default"))) {
                throw new IllegalStateException(
                        "notify.api-keys is empty: set NOTIFY_API_KEYS (comma-separated) outside the embedded default");
            }
            log.warn("notify.api-keys is not set: the embedded default accepts the development key '{}'. "
                    + "Never expose this instance.", DEVELOPMENT_KEY);
            usable = List.of(DEVELOPMENT_KEY);
        }
        this.keys = usable.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Constant-time comparison, so response timing does not reveal how much of a key matched. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, candidate);
        }
        return match;
    }
}
