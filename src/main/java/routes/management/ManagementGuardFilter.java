package routes.management;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.springframework.web.filter.OncePerRequestFilter;
import routes.api.ApiKeys;

/**
 * Guards {@code /actuator/**} except the health probes: an API key as {@code Bearer} (Prometheus,
 * curl) or as the password of HTTP Basic (a browser opening Hawtio prompts for it; the user name
 * is ignored). A Kubernetes operator port-forwards the Service and signs in with a key from
 * {@code NOTIFY_API_KEYS}.
 */
public class ManagementGuardFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;

    public ManagementGuardFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the decoded, normalised path, so that /actuator/health/../jolokia is not taken for health
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (apiKeys.accepts(presentedKey(request.getHeader("Authorization")))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Basic realm=\"notification-hub operators\", charset=\"UTF-8\"");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"An API key is required, as Bearer or as the password of Basic\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The key from {@code Bearer <key>} or {@code Basic base64(<any user>:<key>)}, else null. */
    static String presentedKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String credentials = authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return credentials;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }
}
