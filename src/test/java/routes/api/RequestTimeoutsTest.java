package routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;

/** A route slower than spring.mvc.async.request-timeout is answered as a dependency away would be. */
class RequestTimeoutsTest {

    @Test
    void aRequestNotCompletedInTimeIs503ProblemWithRetryAfterAndItsPath() {
        var answer = new RequestTimeouts().timedOut(new MockHttpServletRequest("GET", "/api/v1/notifications/n-1"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody()).containsEntry("status", 503)
                .containsEntry("instance", "/api/v1/notifications/n-1")
                .hasEntrySatisfying("detail", detail -> assertThat(detail.toString()).contains("not completed in time"));
    }
}
