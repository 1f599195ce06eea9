package routes.template;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** BCP 47 language tags, as templates name their locales. */
final class Locales {

    /** As long as a user's locale may be, and as the delivery log's column holds. */
    static final int MAX_LENGTH = 35;

    private Locales() {}

    /**
     * Whether {@code tag} is a well-formed BCP 47 tag of at most {@value #MAX_LENGTH} characters,
     * written as Java writes it back (ko-KR, not ko_kr).
     */
    static boolean isTag(String tag) {
        if (tag.length() > MAX_LENGTH) {
            return false;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return !locale.getLanguage().isEmpty() && locale.toLanguageTag().equals(tag);
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
