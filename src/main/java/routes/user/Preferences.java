package routes.user;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;

/**
 * A user's consent per channel, with per-category overrides, and the user's quiet hours (none
 * unless set). Everything is allowed unless a rule says otherwise, and a category rule wins over
 * the channel default.
 */
public record Preferences(Map<String, Boolean> channels, Map<String, Map<String, Boolean>> categories,
        QuietHours quietHours) {

    public static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final Preferences ALLOW_ALL = new Preferences(Map.of(), Map.of(), null);

    public Preferences {
        channels = channels == null ? Map.of() : channels;
        categories = categories == null ? Map.of() : categories;
    }

    public boolean allows(Channel channel, String category) {
        if (category != null) {
            Boolean rule = categories.getOrDefault(category, Map.of()).get(channel.wire());
            if (rule != null) {
                return rule;
            }
        }
        return channels.getOrDefault(channel.wire(), true);
    }

    Preferences validated() {
        List<FieldError> errors = new ArrayList<>();
        checkRules("channels", channels, errors);
        categories.forEach((category, rules) -> {
            if (!CATEGORY.matcher(category).matches()) {
                errors.add(new FieldError("categories." + category, "category must be 1-64 of A-Z a-z 0-9 . _ -"));
            }
            checkRules("categories." + category, rules == null ? Map.of() : rules, errors);
        });
        if (quietHours != null) {
            quietHours.check(errors);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Map<String, Map<String, Boolean>> cleaned = new LinkedHashMap<>();
        categories.forEach((category, rules) -> cleaned.put(category, rules == null ? Map.of() : rules));
        return new Preferences(channels, cleaned, quietHours);
    }

    private static void checkRules(String field, Map<String, Boolean> rules, List<FieldError> errors) {
        rules.forEach((channel, allowed) -> {
            try {
                Channel.of(channel);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + "." + channel, e.getMessage()));
            }
            if (allowed == null) {
                errors.add(new FieldError(field + "." + channel, "must be true or false"));
            }
        });
    }
}
