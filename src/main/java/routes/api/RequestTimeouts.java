package routes.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/**
 * A route that has not answered within spring.mvc.async.request-timeout (a dependency slower than
 * its own bound) is answered 503 with Retry-After rather than left hanging: the request stops
 * waiting for it then ({@link RouteAnswers}). The route's late answer is dropped.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTimeouts {

    private static final int RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(AsyncRequestTimeoutException.class)
    ResponseEntity<Map<String, Object>> timedOut(HttpServletRequest request) {
        ApiProblem problem = ApiProblem.unavailable(
                "The request was not completed in time: a dependency is slow or away; retry shortly",
                RETRY_AFTER_SECONDS);
        var answer = ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach((name, value) -> answer.header(name, value));
        return answer.body(Problems.body(problem, request.getRequestURI()));
    }
}
