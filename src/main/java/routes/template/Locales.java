package routes.template;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** BCP 47 language tags, as templates name their locales. */
final class Locales {

    private Locales() {}

    /** Whether {@code tag} is a well-formed BCP 47 tag written as Java writes it back (ko-KR, not ko_kr). */
    static boolean isTag(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return !locale.getLanguage().isEmpty() && locale.toLanguageTag().equals(tag);
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
