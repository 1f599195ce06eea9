package routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import routes.api.ApiProblem;

class AuditQueryTest {

    @Test
    void noParametersAskForTheNewestDefaultPage() {
        assertThat(AuditQuery.parse(null, null)).isEqualTo(new AuditQuery(AuditQuery.DEFAULT_LIMIT, null));
    }

    @Test
    void aLimitUpToTheMaximumAndABeforeCursorAreTaken() {
        assertThat(AuditQuery.parse("1", "42")).isEqualTo(new AuditQuery(1, 42L));
        assertThat(AuditQuery.parse(String.valueOf(AuditQuery.MAX_LIMIT), null).limit()).isEqualTo(AuditQuery.MAX_LIMIT);
    }

    @ParameterizedTest
    @CsvSource({"0, , limit", "-1, , limit", "501, , limit", "ten, , limit", "99999999999, , limit", "'', , limit",
            ", x, before", ", 1.5, before"})
    void aBadParameterIsTheClientsErrorNamingIt(String limit, String before, String field) {
        assertThatThrownBy(() -> AuditQuery.parse(limit, before))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.getMessage()).startsWith(field + ":");
                });
    }
}
