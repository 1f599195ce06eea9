package routes.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;

class PreferencesTest {

    @Nested
    class Allows {

        @Test
        void everythingIsAllowedWhenNoRuleIsSet() {
            for (Channel channel : Channel.values()) {
                assertThat(Preferences.ALLOW_ALL.allows(channel, null)).isTrue();
                assertThat(Preferences.ALLOW_ALL.allows(channel, "marketing")).isTrue();
            }
            assertThat(new Preferences(null, null, null).allows(Channel.SMS, "marketing")).isTrue();
        }

        @Test
        void aChannelDefaultRefusesThatChannelOnly() {
            var prefs = new Preferences(Map.of("sms", false), Map.of(), null);
            assertThat(prefs.allows(Channel.SMS, null)).isFalse();
            assertThat(prefs.allows(Channel.SMS, "orders")).isFalse();
            assertThat(prefs.allows(Channel.PUSH, null)).isTrue();
            assertThat(prefs.allows(Channel.EMAIL, "orders")).isTrue();
        }

        @Test
        void aCategoryRuleAllowingAChannelWinsOverTheChannelDefaultRefusingIt() {
            var prefs = new Preferences(Map.of("sms", false), Map.of("security", Map.of("sms", true)), null);
            assertThat(prefs.allows(Channel.SMS, "security")).isTrue();
            assertThat(prefs.allows(Channel.SMS, "marketing")).isFalse();
        }

        @Test
        void aCategoryRuleRefusingAChannelWinsOverTheChannelDefaultAllowingIt() {
            var prefs = new Preferences(Map.of("push", true), Map.of("marketing", Map.of("push", false)), null);
            assertThat(prefs.allows(Channel.PUSH, "marketing")).isFalse();
            assertThat(prefs.allows(Channel.PUSH, "orders")).isTrue();
            assertThat(prefs.allows(Channel.PUSH, null)).isTrue();
        }

        @Test
        void aCategoryRuleCoversOnlyTheChannelsItNames() {
            var prefs = new Preferences(Map.of("email", false), Map.of("marketing", Map.of("push", false)), null);
            assertThat(prefs.allows(Channel.EMAIL, "marketing")).as("falls back to the email default").isFalse();
            assertThat(prefs.allows(Channel.SMS, "marketing")).as("no rule at all").isTrue();
        }

        @Test
        void anUnknownCategoryFallsBackToTheChannelDefault() {
            var prefs = new Preferences(Map.of("sms", false, "push", true), Map.of("marketing", Map.of("sms", true)), null);
            assertThat(prefs.allows(Channel.SMS, "billing")).isFalse();
            assertThat(prefs.allows(Channel.PUSH, "billing")).isTrue();
        }

        @Test
        void aNotificationWithoutCategoryIgnoresEveryCategoryRule() {
            var prefs = new Preferences(Map.of(), Map.of("marketing", Map.of("sms", false)), null);
            assertThat(prefs.allows(Channel.SMS, null)).isTrue();
        }

        @Test
        void categoriesAreMatchedCaseSensitively() {
            var prefs = new Preferences(Map.of(), Map.of("Marketing", Map.of("sms", false)), null);
            assertThat(prefs.allows(Channel.SMS, "Marketing")).isFalse();
            assertThat(prefs.allows(Channel.SMS, "marketing")).isTrue();
        }
    }

    @Nested
    class Validated {

        private ApiProblem problemOf(Preferences prefs) {
            return catchThrowableOfType(ApiProblem.class, prefs::validated);
        }

        @Test
        void validPreferencesPassAndANullCategoryRuleSetBecomesEmpty() {
            Map<String, Map<String, Boolean>> categories = new HashMap<>();
            categories.put("orders", Map.of("email", false));
            categories.put("news", null);
            Preferences clean = new Preferences(Map.of("sms", false), categories, null).validated();

            assertThat(clean.categories()).containsEntry("news", Map.of()).containsEntry("orders", Map.of("email", false));
            assertThat(clean.allows(Channel.SMS, "news")).isFalse();
        }

        @Test
        void anUnknownChannelIsNamedWithItsPath() {
            ApiProblem problem = problemOf(new Preferences(Map.of("fax", false), Map.of("orders", Map.of("pager", true)), null));

            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.errors()).extracting(FieldError::field)
                    .containsExactlyInAnyOrder("channels.fax", "categories.orders.pager");
            assertThat(problem.errors()).extracting(FieldError::message).allSatisfy(m -> assertThat(m)
                    .contains("unknown channel"));
        }

        @Test
        void aNullRuleMustBeTrueOrFalse() {
            Map<String, Boolean> channels = new HashMap<>();
            channels.put("sms", null);
            ApiProblem problem = problemOf(new Preferences(channels, Map.of(), null));

            assertThat(problem.errors()).containsExactly(new FieldError("channels.sms", "must be true or false"));
        }

        @Test
        void aCategoryNameOutsideTheAllowedCharactersOrOver64IsRefused() {
            Map<String, Map<String, Boolean>> categories = new HashMap<>();
            categories.put("bad name", Map.of("sms", true));
            categories.put("x".repeat(65), Map.of());
            categories.put("y".repeat(64), Map.of());
            ApiProblem problem = problemOf(new Preferences(Map.of(), categories, null));

            assertThat(problem.errors()).extracting(FieldError::field)
                    .containsExactlyInAnyOrder("categories.bad name", "categories." + "x".repeat(65));
        }

        @Test
        void everyWrongRuleIsNamedInOneAnswer() {
            Map<String, Boolean> channels = new HashMap<>();
            channels.put("fax", true);
            channels.put("email", null);
            ApiProblem problem = problemOf(
                    new Preferences(channels, Map.of("with space", Map.of("carrier-pigeon", true)), null));

            assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("channels.fax",
                    "channels.email", "categories.with space", "categories.with space.carrier-pigeon");
            assertThat(problem.getMessage()).isEqualTo("4 fields are invalid");
        }
    }
}
