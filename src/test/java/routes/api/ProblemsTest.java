package routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** The problem+json of errors the web server meets itself. */
class ProblemsTest {

    @Test
    void aClientErrorSaysWhatTheServerSaid() {
        ApiProblem problem = Problems.ofStatus(400, null, new IllegalStateException("Invalid chunk header"));

        assertThat(problem.title()).isEqualTo("Bad Request");
        assertThat(problem.getMessage()).isEqualTo("Invalid chunk header");
        assertThat(Problems.ofStatus(400, "Invalid URI", null).getMessage()).isEqualTo("Invalid URI");
    }

    @Test
    void aServerErrorKeepsItsCauseToItself() {
        ApiProblem problem = Problems.ofStatus(500, "secret detail", new IllegalStateException("jdbc:postgresql://db"));

        assertThat(problem.getMessage()).isEqualTo("Internal Server Error");
    }

    @Test
    void nothingSaidLeavesTheReasonPhrase() {
        assertThat(Problems.ofStatus(404, " ", null).getMessage()).isEqualTo("Not Found");
        assertThat(Problems.ofStatus(499, null, null).title()).isEqualTo("Error");
    }

    @Test
    void theBodyHasTheRfc9457MembersAndTheFieldsOnlyWhenThereAreSome() {
        assertThat(Problems.body(new ApiProblem(415, "Unsupported media type", "JSON only"), null))
                .containsOnlyKeys("type", "title", "status", "detail");
        assertThat(Problems.body(ApiProblem.invalid("email", "is not valid"), "/api/v1/users/u"))
                .containsEntry("instance", "/api/v1/users/u")
                .containsEntry("errors", List.of(new ApiProblem.FieldError("email", "is not valid")));
    }

    @Test
    void aDependencyThatIsAwayIsA503NamingIt() {
        ApiProblem database = Problems.unavailable(new RuntimeException("route failed",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));
        ApiProblem kafka = Problems.unavailable(new ExecutionException(
                new TimeoutException("Expiring 1 record(s) for notify.accepted-0")));

        assertThat(database.status()).isEqualTo(503);
        assertThat(database.headers()).containsEntry("Retry-After", "5");
        assertThat(database.getMessage()).contains("database").doesNotContain("Hikari");
        assertThat(kafka.status()).isEqualTo(503);
        assertThat(kafka.getMessage()).contains("Kafka is unavailable");
        assertThat(Problems.unavailable(new IllegalStateException("a bug"))).isNull();
        // the connection the server closed fails the rollback too, which hides the first failure
        assertThat(Problems.unavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"))).getMessage()).contains("database");
    }
}
