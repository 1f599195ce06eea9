package routes.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import routes.api.ApiProblem;
import routes.api.Problems;

/**
 * Spring Security's refusals as problem+json: 401 for a missing, unknown, revoked or expired key,
 * challenging for Basic under /actuator (so a browser opening Hawtio asks for the key) and for
 * Bearer elsewhere; 403 naming the scope the client lacks; 503 with Retry-After when a key could
 * not be checked because the database is away.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        ApiProblem away = Problems.unavailable(refused);
        if (away != null) {
            Problems.write(response, away, request.getRequestURI(), json);
            return;
        }
        boolean console = request.getRequestURI().startsWith("/actuator");
        String detail = refused instanceof BadCredentialsException || refused instanceof CredentialsExpiredException
                ? refused.getMessage()
                : console ? "An API key is required, as Bearer or as the password of Basic"
                        : "Authorization: Bearer <api key> is required";
        String challenge = console ? "Basic realm=\"notification-hub operators\", charset=\"UTF-8\""
                : "Bearer realm=\"notification-hub\"";
        Problems.write(response, new ApiProblem(401, "Unauthorized", detail, List.of(),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge)), request.getRequestURI(), json);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        List<String> needed = denied instanceof AuthorizationDeniedException refusal
                && refusal.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
                ? decision.getAuthorities().stream().map(GrantedAuthority::getAuthority).map(Scope::ofAuthority)
                        .filter(Objects::nonNull).map(Scope::wire).toList()
                : List.of();
        String detail = needed.isEmpty() ? "This client may not do this"
                : "This needs the scope '" + String.join("' or '", needed) + "', which this client does not hold";
        Problems.write(response, new ApiProblem(403, "Forbidden", detail), request.getRequestURI(), json);
    }
}
