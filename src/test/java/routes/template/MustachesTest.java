package routes.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MustachesTest {

    private static String render(String template, boolean html, Map<String, Object> params) {
        return Mustaches.render(Mustaches.compile(template, html), params);
    }

    @Test
    void htmlEscapesParamsAndPlainTextDoesNot() {
        Map<String, Object> params = Map.of("name", "<b>Kim & Lee</b>");
        assertThat(render("Hi {{name}}", true, params)).isEqualTo("Hi &lt;b&gt;Kim &amp; Lee&lt;/b&gt;");
        assertThat(render("Hi {{name}}", false, params)).isEqualTo("Hi <b>Kim & Lee</b>");
    }

    @Test
    void sectionsIterateListsOfObjectsAndValues() {
        Map<String, Object> params = Map.of("items", List.of(Map.of("name", "cup"), Map.of("name", "pot")),
                "tags", List.of("a", 2));
        assertThat(render("{{#items}}{{name}};{{/items}} {{#tags}}[{{.}}]{{/tags}}", false, params))
                .isEqualTo("cup;pot; [a][2]");
        assertThat(render("{{^coupon}}none{{/coupon}}", false, Map.of())).isEqualTo("none");
    }

    @Test
    void noMethodOrFieldOfAnyObjectIsReached() {
        Map<String, Object> params = Map.of("name", "Kim");
        assertThat(render("{{name.length}}{{name.class}}{{#name}}{{bytes}}{{empty}}{{/name}}", false, params))
                .isEqualTo("");
        assertThat(render("{{class}}{{size}}{{empty}}", false, params)).isEmpty();
    }

    /** A compiled template is reused for every notification: what one's params lacked must not stick. */
    @Test
    void aCompiledTemplateLooksEachRenderingsParamsUpAfresh() {
        var template = Mustaches.compile("{{#items}}[{{name}}]{{/items}}{{title}}", false);
        assertThat(Mustaches.render(template, Map.of("items", List.of("a")))).isEqualTo("[]");
        assertThat(Mustaches.render(template, Map.of("items", List.of(Map.of("name", "cup")), "title", "t")))
                .isEqualTo("[cup]t");
        assertThat(Mustaches.render(template, Map.of("items", List.of("a", Map.of("name", "pot")))))
                .isEqualTo("[][pot]");
    }

    @Test
    void partialsAndInheritanceAreRefused() {
        assertThatThrownBy(() -> Mustaches.compile("Hi {{> /etc/passwd}}", false))
                .isInstanceOf(Mustaches.SyntaxError.class).hasMessageContaining("partials");
        assertThatThrownBy(() -> Mustaches.compile("{{<base}}{{/base}}", false))
                .isInstanceOf(Mustaches.SyntaxError.class).hasMessageContaining("inheritance");
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        assertThatThrownBy(() -> Mustaches.compile("line one\nsee {{#a}} here {{/b}} after", false))
                .isInstanceOfSatisfying(Mustaches.SyntaxError.class, e -> {
                    assertThat(e.line).isEqualTo(2);
                    assertThat(e.column).isBetween(15, 25);
                    assertThat(e.getMessage()).isEqualTo("Mismatched start/end tags: a != b");
                });
    }

    @Test
    void variablesAreTheValuesOutsideSectionsAndTheOutermostSections() {
        Variables variables = Mustaches.variables(Mustaches.compile(
                "{{name}} {{{raw}}} {{order.id}} {{#items}}{{sku}}{{/items}} {{^coupon}}-{{/coupon}} {{! note }}", false));
        assertThat(variables.values()).isEqualTo(Set.of("name", "raw", "order"));
        assertThat(variables.sections()).isEqualTo(Set.of("items", "coupon"));
    }
}
