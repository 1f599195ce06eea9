package routes.api;

import java.util.List;
import routes.api.ApiProblem.FieldError;

/**
 * Control characters (Unicode Cc: U+0000-U+001F, U+007F-U+009F) in request text. Ids, titles,
 * keys and tokens are one line of text, shown in consoles, logs and mail headers: none is allowed.
 * Message text may keep its line breaks and tabs, and nothing else of the kind.
 */
public final class PlainText {

    private PlainText() {}

    public static boolean isOneLine(String text) {
        return controlCharacterAt(text, false) < 0;
    }

    /** Names {@code field} in {@code errors} if {@code text} holds any control character. */
    public static void checkOneLine(String field, String text, List<FieldError> errors) {
        check(field, text, false, errors);
    }

    /** Names {@code field} in {@code errors} if {@code text} holds a control character other than \n, \r, \t. */
    public static void checkMessage(String field, String text, List<FieldError> errors) {
        check(field, text, true, errors);
    }

    private static void check(String field, String text, boolean message, List<FieldError> errors) {
        int at = controlCharacterAt(text, message);
        if (at >= 0) {
            errors.add(new FieldError(field, "must not contain control characters"
                    + (message ? " other than line breaks and tabs" : "")
                    + " (U+%04X at position %d)".formatted((int) text.charAt(at), at)));
        }
    }

    private static int controlCharacterAt(String text, boolean message) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && !(message && (c == '\n' || c == '\r' || c == '\t'))) {
                return i;
            }
        }
        return -1;
    }
}
