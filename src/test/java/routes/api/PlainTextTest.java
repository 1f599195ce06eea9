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

    private static List<FieldError> identifier(String text) {
        List<FieldError> errors = new ArrayList<>();
        PlainText.checkIdentifier("eventId", text, errors);
        return errors;
    }

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

    /** Control characters: refused everywhere but a message's line breaks and tabs. */
    private static final String[] CONTROLS = {"a\u0000b", "a\u0007", "\u001b[2J", "a\u007f", "a\u0085", "a\u009f"};

    /** Format characters: invisible, joining, or reordering what is shown. */
    private static final String[] FORMATS = {
        "zero\u200Bwidth", "non\u200Cjoiner", "jo\u200Dined", "mark\u200E", "mark\u200F",
        "\u202Aembedded\u202C", "\u202Bembedded\u202C", "order-\u202Egnp.exe", "\u202Doverride",
        "word\u2060joiner", "\u2066isolated\u2069", "\u2067isolated\u2069", "\u2068isolated\u2069",
        "\uFEFFbom", "soft\u00ADhyphen", "arabic\u061Cmark", "tag\uDB40\uDC01"};

    private static final String[] LINE_SEPARATORS = {"line\u2028separator", "paragraph\u2029separator"};

    @Nested
    class Identifiers {

        @Test
        void controlFormatAndLineSeparatorCharactersAreRefused() {
            for (String[] refused : List.of(CONTROLS, FORMATS, LINE_SEPARATORS, new String[] {"a\nb", "a\tb"})) {
                for (String text : refused) {
                    assertThat(identifier(text)).as(text).extracting(FieldError::field).containsExactly("eventId");
                    assertThat(PlainText.isIdentifier(text)).as(text).isFalse();
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "order-1234-shipped", "주문-1234", "ü é ß", "📦", "tab\u00a0nbsp"})
        void visibleCharactersOfAnyScriptAreAllowed(String text) {
            assertThat(identifier(text)).isEmpty();
            assertThat(PlainText.isIdentifier(text)).isTrue();
        }

        @Test
        void theErrorNamesTheCharacterAndWhereItIs() {
            assertThat(identifier("evil\u202Etxt.exe").get(0).message()).contains("bidirectional")
                    .contains("U+202E at position 4");
            assertThat(identifier("📦\uDB40\uDC01").get(0).message()).contains("U+E0001 at position 2");
        }

        @Test
        void noTextHasNothingWrongWithIt() {
            assertThat(identifier(null)).isEmpty();
            assertThat(PlainText.isIdentifier(null)).isTrue();
        }
    }

    @Nested
    class OneLine {

        @Test
        void controlCharactersAndLineSeparatorsAreRefused() {
            for (String[] refused : List.of(CONTROLS, LINE_SEPARATORS, new String[] {"a\nb", "a\rb", "a\tb"})) {
                for (String text : refused) {
                    assertThat(oneLine(text)).as(text).extracting(FieldError::field).containsExactly("title");
                }
            }
            assertThat(oneLine("ab\u0000").get(0).message()).contains("U+0000 at position 2");
        }

        @Test
        void formatCharactersThatWritingNeedsAreAllowed() {
            // an emoji ZWJ sequence, a Persian non-joiner, Hebrew isolated in English, a mark
            for (String text : List.of("👩\u200D💻 on call", "می\u200Cخواهم", "from \u2067שלום\u2069 to you",
                    "\u200Fعربي", "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F")) {
                assertThat(oneLine(text)).as(text).isEmpty();
            }
            for (String text : FORMATS) {
                assertThat(oneLine(text)).as(text).isEmpty();
            }
        }
    }

    @Nested
    class Messages {

        @Test
        void lineBreaksTabsAndFormatCharactersAreAllowed() {
            assertThat(message("line 1\nline 2\r\n\tindented\u2028next 👩\u200D💻")).isEmpty();
            for (String text : FORMATS) {
                assertThat(message(text)).as(text).isEmpty();
            }
        }

        @Test
        void otherControlCharactersAreRefused() {
            for (String text : CONTROLS) {
                assertThat(message(text)).as(text).extracting(FieldError::field).containsExactly("body");
                assertThat(message(text).get(0).message()).contains("other than line breaks and tabs");
            }
        }
    }
}
