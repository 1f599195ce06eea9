package routes.api;

import java.util.List;
import routes.api.ApiProblem.FieldError;

/**
 * The characters request text may hold, by what the text is for.
 *
 * <ul>
 *   <li>Identifiers (ids, keys, tokens, names, and the path and query of a URL) are compared, logged
 *       and shown to operators: besides control characters (Unicode Cc: U+0000-U+001F,
 *       U+007F-U+009F) and line separators (U+2028, U+2029), no format character (Unicode Cf)
 *       either, as those are invisible or reorder what is shown: zero-width spaces and joiners
 *       (U+200B-U+200D), direction marks, embeddings, overrides and isolates (U+200E, U+200F,
 *       U+202A-U+202E, U+2066-U+2069), the word joiner U+2060, the byte order mark U+FEFF. Two ids
 *       that look the same are then the same id.</li>
 *   <li>A title is one line of what a person reads: no control characters or line separators, but
 *       format characters, which writing needs: the zero-width joiner of emoji sequences, the
 *       non-joiner of Persian, the marks and isolates of text mixing directions.</li>
 *   <li>Message text (a body, data values) may also keep its line breaks and tabs.</li>
 * </ul>
 */
public final class PlainText {

    private enum Kind {
        IDENTIFIER("must not contain control, invisible or bidirectional formatting characters"),
        ONE_LINE("must not contain control characters or line separators"),
        MESSAGE("must not contain control characters other than line breaks and tabs");

        private final String refusal;

        Kind(String refusal) {
            this.refusal = refusal;
        }

        boolean refuses(int c) {
            int type = Character.getType(c);
            return switch (this) {
                case IDENTIFIER -> type == Character.CONTROL || type == Character.FORMAT || isLineSeparator(type);
                case ONE_LINE -> type == Character.CONTROL || isLineSeparator(type);
                case MESSAGE -> type == Character.CONTROL && c != '\n' && c != '\r' && c != '\t';
            };
        }

        private static boolean isLineSeparator(int type) {
            return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
        }
    }

    private PlainText() {}

    public static boolean isIdentifier(String text) {
        return refusedAt(text, Kind.IDENTIFIER) < 0;
    }

    /** Names {@code field} in {@code errors} if {@code text} is not fit for an identifier. */
    public static void checkIdentifier(String field, String text, List<FieldError> errors) {
        check(field, text, Kind.IDENTIFIER, errors);
    }

    /** Names {@code field} in {@code errors} if {@code text} is not one line a person can read. */
    public static void checkOneLine(String field, String text, List<FieldError> errors) {
        check(field, text, Kind.ONE_LINE, errors);
    }

    /** Names {@code field} in {@code errors} if {@code text} holds a control character other than \n, \r, \t. */
    public static void checkMessage(String field, String text, List<FieldError> errors) {
        check(field, text, Kind.MESSAGE, errors);
    }

    private static void check(String field, String text, Kind kind, List<FieldError> errors) {
        int at = refusedAt(text, kind);
        if (at >= 0) {
            errors.add(new FieldError(field, kind.refusal
                    + " (U+%04X at position %d)".formatted(text.codePointAt(at), at)));
        }
    }

    /** Where the first character {@code kind} refuses is in {@code text}, or -1. */
    private static int refusedAt(String text, Kind kind) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            if (kind.refuses(text.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
