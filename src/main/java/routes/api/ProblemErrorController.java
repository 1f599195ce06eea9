package routes.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's /error, where the servlet container sends the errors nothing wrote a body for (a chunked
 * body it cannot read, an exception out of a filter, Camel's platform-http giving up on a request):
 * problem+json, in place of Spring Boot's JSON or HTML page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        ApiProblem problem = Problems.ofStatus(status, (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE),
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(problem, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
    }
}
