package routes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Renders whatever an API route threw as an RFC 9457 problem+json response. */
@Component("problems")
public class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    // outages of Kafka or the database last seconds to minutes: a client comes back soon, not at once
    private static final int DEPENDENCY_RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public void render(Exchange exchange) throws Exception {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem problem = caught instanceof ApiProblem p ? p
                : Objects.requireNonNullElseGet(unavailable(caught), () -> unexpected(caught));
        var message = exchange.getMessage();
        Map<String, Object> body = body(problem, message.getHeader(Exchange.HTTP_URI, String.class));
        message.removeHeaders("*");
        problem.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        // with its Content-Length, as respond-json's answers are (routes/api.yaml)
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        message.setBody(json.writeValueAsString(body));
    }

    /**
     * A problem for an error the web server met itself, known only by its status and what the
     * server said: that text is shown for client errors only, so nothing of a server error's
     * cause leaks.
     */
    static ApiProblem ofStatus(int status, String message, Throwable cause) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = Stream.of(message, cause == null ? null : cause.getMessage())
                .filter(text -> status < 500 && text != null && !text.isBlank())
                .findFirst().orElse(title);
        return new ApiProblem(status, title, detail);
    }

    /** The problem's members, the same whether a route, a filter or the web server answers. */
    static Map<String, Object> body(ApiProblem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        return body;
    }

    /** Writes a problem straight to the servlet response, for what answers before any route runs. */
    public static void write(HttpServletResponse response, ApiProblem problem, String instance, ObjectMapper json)
            throws IOException {
        problem.headers().forEach(response::setHeader);
        response.setStatus(problem.status());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body(problem, instance));
    }

    /**
     * 503 naming the dependency a failure says is away, or null if it says no such thing: Kafka
     * did not take a record in time (its retriable errors: no leader, a timeout), or the database
     * gave no connection (Hikari's connection timeout) or lost one (Spring's resource failures).
     */
    public static ApiProblem unavailable(Throwable caught) {
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return ApiProblem.unavailable("Kafka is unavailable; the request was not accepted, retry shortly",
                        DEPENDENCY_RETRY_AFTER_SECONDS);
            }
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    // a rollback or commit on a connection the server closed
                    || cause instanceof TransactionSystemException) {
                return ApiProblem.unavailable("The database is unavailable; retry shortly",
                        DEPENDENCY_RETRY_AFTER_SECONDS);
            }
        }
        return null;
    }

    private static ApiProblem unexpected(Throwable caught) {
        log.error("Unexpected failure while serving an API request", caught);
        return new ApiProblem(500, "Internal error", "The request could not be completed; it is safe to retry it");
    }
}
