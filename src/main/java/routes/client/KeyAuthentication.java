package routes.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request's API key: first as presented, then, once verified, as its {@link Caller} with one
 * authority per scope.
 */
public final class KeyAuthentication extends AbstractAuthenticationToken {

    private final String presented;
    private final Caller caller;

    private KeyAuthentication(String presented, Caller caller) {
        super(caller == null ? List.of()
                : caller.scopes().stream().map(Scope::granted).toList());
        this.presented = presented;
        this.caller = caller;
        setAuthenticated(caller != null);
    }

    public static KeyAuthentication verified(Caller caller) {
        return new KeyAuthentication(null, caller);
    }

    /**
     * The key from {@code Bearer <key>} (services, Prometheus, curl) or {@code Basic
     * base64(<any user>:<key>)} (a browser opening Hawtio prompts for it), else null.
     */
    public static KeyAuthentication presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String credentials = authorization.substring(space + 1).strip();
        String key = null;
        if (scheme.equalsIgnoreCase("Bearer")) {
            key = credentials;
        } else if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return key == null || key.isEmpty() ? null : new KeyAuthentication(key, null);
    }

    /** The key as presented; never kept once verified. */
    @Override
    public Object getCredentials() {
        return presented;
    }

    /** The caller, once verified. */
    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller == null ? "" : caller.clientId();
    }
}
