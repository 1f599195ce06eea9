package routes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import routes.api.ApiProblem.FieldError;

/**
 * Checks {@code /api/v1/**} requests once Spring Security let them through (SecurityConfig) and
 * before any route runs, answering problem+json so that none of these reaches the pipeline: while
 * Camel's routes are not running (the hub starting or stopping) every request is 503 with
 * {@code Retry-After}, never the 404 of a missing route; a character no identifier may hold
 * ({@link PlainText}: control, invisible, bidirectional formatting) in the path or a query
 * parameter, or a query parameter that is not valid
 * percent-encoding, is 400; a body over the size limit is 413, and one that is not JSON 415.
 */
public class ApiGuardFilter extends OncePerRequestFilter {

    // Camel starts its routes in a few seconds, and stops them within its shutdown timeout
    private static final int STARTING_RETRY_AFTER_SECONDS = 5;

    private final RoutesRunning routes;
    private final int maxBodyBytes;
    private final ObjectMapper json;

    public ApiGuardFilter(RoutesRunning routes, DataSize maxBody, ObjectMapper json) {
        this.routes = routes;
        this.maxBodyBytes = Math.toIntExact(maxBody.toBytes());
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!routes.running()) {
            reject(request, response, ApiProblem.unavailable(
                    "The hub is starting or stopping; retry shortly", STARTING_RETRY_AFTER_SECONDS));
            return;
        }
        List<FieldError> badUrl = badUrl(request);
        if (!badUrl.isEmpty()) {
            reject(request, response, ApiProblem.invalid(badUrl));
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            rejectTooLarge(request, response);
            return;
        }
        boolean chunked = request.getContentLengthLong() < 0 && hasBody(request);
        if ((chunked || request.getContentLengthLong() > 0) && !isJson(request.getContentType())) {
            String sent = request.getContentType();
            reject(request, response, new ApiProblem(415, "Unsupported media type",
                    "The request body must be JSON, sent as Content-Type: application/json"
                            + (sent == null ? "" : " (not " + sent + ")")));
            return;
        }
        if (chunked) {
            // Chunked upload: read at most one byte past the limit, then replay what was read.
            // Malformed chunking fails the read, and Tomcat answers 400 (ProblemErrorController).
            byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                rejectTooLarge(request, response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    /** The path (decoded by the server, which refuses bad percent-encoding and NUL itself) and each query parameter. */
    private static List<FieldError> badUrl(HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        PlainText.checkIdentifier("path", request.getServletPath() + Objects.toString(request.getPathInfo(), ""), errors);
        String query = request.getQueryString();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            String name = parameter.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                PlainText.checkIdentifier(name, URLDecoder.decode(parameter, StandardCharsets.UTF_8), errors);
            } catch (IllegalArgumentException e) {
                // the servlet container would drop the parameter without a word
                errors.add(new FieldError(name, "is not valid percent-encoding"));
            }
        }
        return errors;
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || "json".equals(type.getSubtypeSuffix()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void rejectTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        reject(request, response, new ApiProblem(413, "Payload too large",
                "The request body exceeds " + maxBodyBytes + " bytes"));
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        Problems.write(response, problem, request.getRequestURI(), json);
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        /** Camel reads the body as text: from the buffer, as Tomcat would decode it. */
        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    Objects.requireNonNullElse(getCharacterEncoding(), StandardCharsets.UTF_8.name())));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already buffered");
                }
            };
        }
    }
}
