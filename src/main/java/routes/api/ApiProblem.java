package routes.api;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, carried to the route's error handler and rendered as RFC 9457
 * problem+json. {@code errors} names each offending field so a client can fix all at once.
 */
public class ApiProblem extends RuntimeException {

    public record FieldError(String field, String message) {}

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public ApiProblem(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiProblem(400, "Invalid request", detail, errors, Map.of());
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }

    /**
     * 503 with {@code Retry-After}: what the request needs ({@code detail} names it) is away for
     * now, and the same request may be sent again after that many seconds.
     */
    public static ApiProblem unavailable(String detail, int retryAfterSeconds) {
        return new ApiProblem(503, "Service unavailable", detail, List.of(),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
