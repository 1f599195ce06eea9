package routes.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;
import routes.notification.Priority;

class CategoryRequestTest {

    private static List<String> fieldsWrongIn(CategoryRequest request) {
        return catchThrowableOfType(ApiProblem.class, () -> request.validated("marketing")).errors().stream()
                .map(FieldError::field).toList();
    }

    @Test
    void aFullRequestBecomesItsCategory() {
        Category category = new CategoryRequest("BULK", true,
                List.of(new CategoryRequest.Cap("push", 3, "P1D"), new CategoryRequest.Cap("sms", 0, "PT30M")),
                List.of("push", "email", "push")).validated("marketing");

        assertThat(category.priority()).isEqualTo(Priority.BULK);
        assertThat(category.bypassQuietHours()).isTrue();
        assertThat(category.defaultChannels()).containsExactly(Channel.PUSH, Channel.EMAIL);
        assertThat(category.capOn(Channel.PUSH)).contains(new FrequencyCap(Channel.PUSH, 3, "PT24H"));
        assertThat(category.capOn(Channel.SMS).orElseThrow().window()).hasMinutes(30);
        assertThat(category.capOn(Channel.EMAIL)).isEmpty();
    }

    @Test
    void anEmptyRequestChangesNothing() {
        Category category = new CategoryRequest(null, null, null, null).validated("marketing");
        assertThat(category).isEqualTo(Category.unconfigured("marketing"));
    }

    @Test
    void everyWrongFieldIsNamed() {
        assertThat(fieldsWrongIn(new CategoryRequest("urgent", null, null, List.of("pager"))))
                .containsExactly("priority", "defaultChannels[0]");
        assertThat(fieldsWrongIn(new CategoryRequest(null, null, List.of(new CategoryRequest.Cap(null, -1, "1 day")),
                null))).containsExactly("caps[0].channel", "caps[0].max", "caps[0].per");
        assertThat(fieldsWrongIn(new CategoryRequest(null, null, List.of(new CategoryRequest.Cap("push", 1, "PT0.5S"),
                new CategoryRequest.Cap("sms", 1, "P32D")), null))).containsExactly("caps[0].per", "caps[1].per");
        assertThat(fieldsWrongIn(new CategoryRequest(null, null, List.of(new CategoryRequest.Cap("push", 1, "PT1H"),
                new CategoryRequest.Cap("push", 2, "P1D")), null))).containsExactly("caps[1].channel");
    }
}
