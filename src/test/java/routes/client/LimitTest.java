package routes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.api.ApiProblem;
import routes.api.StrictJson;

/** How a limit is read from a request body and from the configuration, and how defaults fill in. */
class LimitTest {

    private static Limits read(String json) {
        return StrictJson.read(json, Limits.class);
    }

    @Test
    void aLimitIsAWholeNumberPerSecondOrUnlimited() {
        assertThat(read("{\"requestsPerSecond\": 1, \"deliveriesPerSecond\": 1000000}"))
                .isEqualTo(new Limits(new Limit(1), new Limit(1_000_000)));
        assertThat(read("{\"requestsPerSecond\": \"unlimited\"}")).isEqualTo(new Limits(Limit.UNLIMITED, null));
        assertThat(read("{}")).isEqualTo(new Limits(null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1000001", "1.5", "1e3", "\"5\"", "\"Unlimited\"", "true", "{}", "[]",
            "99999999999999999999"})
    void anythingElseIsRefusedNamingTheField(String value) {
        assertThatThrownBy(() -> read("{\"deliveriesPerSecond\": " + value + "}"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("deliveriesPerSecond");
                        assertThat(error.message()).contains("from 1 to 1000000", "\"unlimited\"");
                    });
                });
    }

    @Test
    void aLimitIsWrittenAsItIsRead() {
        assertThat(new Limit(20).wire()).isEqualTo(20L);
        assertThat(Limit.UNLIMITED.wire()).isEqualTo("unlimited");
    }

    @Test
    void theConfigurationSaysANumberOrUnlimited() {
        assertThat(Limit.valueOf("100")).isEqualTo(new Limit(100));
        assertThat(Limit.valueOf(" unlimited ")).isEqualTo(Limit.UNLIMITED);
        assertThatThrownBy(() -> Limit.valueOf("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Limit.valueOf("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientsOwnLimitsWinAndTheDefaultsFillTheRest() {
        Limits defaults = new Limits(new Limit(100), new Limit(1000));
        assertThat(new Limits(new Limit(5), null).orElse(defaults))
                .isEqualTo(new Limits(new Limit(5), new Limit(1000)));
        assertThat(new Limits(null, Limit.UNLIMITED).orElse(defaults))
                .isEqualTo(new Limits(new Limit(100), Limit.UNLIMITED));
    }

    @Test
    void aLimitTheConfigurationLeavesOutIsUnlimited() {
        var clients = new ClientSettings.Clients(null, new Limits(new Limit(100), null), null);
        assertThat(clients.defaultLimits()).isEqualTo(new Limits(new Limit(100), Limit.UNLIMITED));
        assertThat(clients.configuredLimits()).isEqualTo(Limits.UNLIMITED);
    }
}
