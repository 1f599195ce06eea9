package routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.api.ApiProblem.FieldError;

class PlainTextTest {

    private static List<FieldError> oneLine(String text) {
        List<FieldError> errors = new ArrayList<>();
        PlainText.checkOneLine("title", text, errors);
        return errors;
    }

    private static List<FieldError> message(String text) {
        List<FieldError> errors = new ArrayList<>();
        PlainText.checkMessage("body", text, errors);
        return errors;
    }

    @Nested
    class OneLine {

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "a\nb", "a\tb", "a\rb", "\u001f", "a\u007f", "a\u0085", "a\u009f"})
        void everyControlCharacterIsRefused(String text) {
            assertThat(oneLine(text)).extracting(FieldError::field).containsExactly("title");
            assertThat(PlainText.isOneLine(text)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Order shipped", "주문 발송 📦", "tab\u00a0nbsp", "ü é ß"})
        void printableTextOfAnyScriptIsAllowed(String text) {
            assertThat(oneLine(text)).isEmpty();
            assertThat(PlainText.isOneLine(text)).isTrue();
        }

        @Test
        void theErrorNamesTheCharacterAndWhereItIs() {
            assertThat(oneLine("ab\u0000").get(0).message()).contains("U+0000").contains("position 2");
        }

        @Test
        void noTextHasNothingWrongWithIt() {
            assertThat(oneLine(null)).isEmpty();
            assertThat(PlainText.isOneLine(null)).isTrue();
        }
    }

    @Nested
    class Messages {

        @Test
        void lineBreaksAndTabsAreAllowed() {
            assertThat(message("line 1\nline 2\r\n\tindented")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "bell\u0007", "esc\u001b[31m", "a\u007f", "a\u0085"})
        void otherControlCharactersAreRefused(String text) {
            assertThat(message(text)).extracting(FieldError::field).containsExactly("body");
            assertThat(message(text).get(0).message()).contains("other than line breaks and tabs");
        }
    }
}
