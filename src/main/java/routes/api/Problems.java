package routes.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Renders whatever an API route threw as an RFC 9457 problem+json response. */
@Component("problems")
public class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public void render(Exchange exchange) throws Exception {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem problem = caught instanceof ApiProblem p ? p : unexpected(caught);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (path != null) {
            body.put("instance", path);
        }
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        var message = exchange.getMessage();
        message.removeHeaders("*");
        problem.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        message.setBody(json.writeValueAsString(body));
    }

    private static ApiProblem unexpected(Throwable caught) {
        log.error("Unexpected failure while serving an API request", caught);
        return new ApiProblem(500, "Internal error", "The request could not be completed; it is safe to retry it");
    }
}
