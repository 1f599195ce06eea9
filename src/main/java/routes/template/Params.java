package routes.template;

import java.util.List;
import java.util.Map;
import routes.api.ApiProblem.FieldError;
import routes.api.PlainText;

/**
 * A notification's params, as JSON gives them: strings, numbers, booleans, and lists and objects for
 * sections and dotted names. Text in them may hold line breaks and tabs but no other control
 * character, as a body may; a null is no value at all.
 */
public final class Params {

    private Params() {}

    /** The params checked, each wrong one named in {@code errors} as {@code params.<name>}; none given is none. */
    public static Map<String, Object> checked(Map<String, Object> params, List<FieldError> errors) {
        if (params == null) {
            return Map.of();
        }
        params.forEach((name, value) -> check("params." + name, value, errors));
        return params;
    }

    private static void check(String field, Object value, List<FieldError> errors) {
        switch (value) {
            case null -> errors.add(new FieldError(field, "must be a string, number, boolean, list or object, not null"));
            case String text -> PlainText.checkMessage(field, text, errors);
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    check(field + "[" + i + "]", list.get(i), errors);
                }
            }
            case Map<?, ?> map -> map.forEach((key, nested) -> check(field + "." + key, nested, errors));
            default -> {
                // numbers and booleans
            }
        }
    }
}
