package routes.template;

import com.github.mustachejava.Mustache;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import routes.api.ApiProblem;
import routes.api.ApiProblem.FieldError;
import routes.delivery.Channel;
import routes.template.TemplateContent.Wording;

/**
 * One version of a template, compiled: immutable once saved, so it is cached without ever being
 * stale. It picks each recipient's locale and renders each channel's wording.
 */
public final class TemplateVersion {

    /** One channel's compiled fields in one locale: title (push title, email subject), body (text), html. */
    private record Fields(Mustache title, Mustache body, Mustache html, Variables variables) {}

    private final String templateId;
    private final int version;
    private final TemplateContent content;
    private final Map<String, Map<Channel, Fields>> compiled;

    private TemplateVersion(String templateId, int version, TemplateContent content,
            Map<String, Map<Channel, Fields>> compiled) {
        this.templateId = templateId;
        this.version = version;
        this.content = content;
        this.compiled = compiled;
    }

    /**
     * The content compiled, or a 400 naming every field that is wrong: a locale that is no BCP 47
     * tag, a locale without wording, a defaultLocale that is not among them or lacks a channel
     * another locale has, a Mustache syntax error (with its line and column).
     */
    static TemplateVersion compile(String templateId, int version, TemplateContent content) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Map<Channel, Fields>> compiled = new LinkedHashMap<>();
        if (content.locales() == null || content.locales().isEmpty()) {
            errors.add(new FieldError("locales", "is required: the wording per locale, e.g. {\"en\": {\"push\": ...}}"));
        } else {
            content.locales().forEach((locale, wording) -> {
                String field = "locales." + locale;
                if (!Locales.isTag(locale)) {
                    errors.add(new FieldError(field, "is not a BCP 47 language tag of at most " + Locales.MAX_LENGTH
                            + " characters (e.g. ko-KR, en)"));
                } else if (wording == null) {
                    errors.add(new FieldError(field, "must hold the wording of at least one channel"));
                } else {
                    compiled.put(locale, compile(field, wording, errors));
                }
            });
        }
        if (content.defaultLocale() == null || !compiled.containsKey(content.defaultLocale())) {
            errors.add(new FieldError("defaultLocale", "is required, one of the locales given"));
        } else {
            Set<Channel> defaults = compiled.get(content.defaultLocale()).keySet();
            compiled.forEach((locale, channels) -> channels.keySet().stream()
                    .filter(channel -> !defaults.contains(channel))
                    .forEach(channel -> errors.add(new FieldError("locales." + content.defaultLocale() + "."
                            + channel.wire(), "is required: the default locale is the fallback of every locale, and "
                            + locale + " has " + channel.wire() + " wording"))));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new TemplateVersion(templateId, version, content, compiled);
    }

    private static Map<Channel, Fields> compile(String field, Wording wording, List<FieldError> errors) {
        Map<Channel, Fields> channels = new EnumMap<>(Channel.class);
        if (wording.push() != null) {
            channels.put(Channel.PUSH, fields(field + ".push", wording.push().title(), false,
                    wording.push().body(), null, errors));
        }
        if (wording.sms() != null) {
            channels.put(Channel.SMS, fields(field + ".sms", null, false, wording.sms().text(), null, errors));
        }
        if (wording.email() != null) {
            if (wording.email().subject() == null || wording.email().subject().isBlank()) {
                errors.add(new FieldError(field + ".email.subject", "is required"));
            }
            channels.put(Channel.EMAIL, fields(field + ".email", wording.email().subject(), true,
                    wording.email().text(), wording.email().html(), errors));
        }
        if (channels.isEmpty()) {
            errors.add(new FieldError(field, "must hold the wording of at least one channel: push, sms or email"));
        }
        return channels;
    }

    private static Fields fields(String field, String title, boolean titleNamedSubject, String body, String html,
            List<FieldError> errors) {
        String bodyField = field + (field.endsWith(".push") ? ".body" : ".text");
        if (body == null || body.isBlank()) {
            errors.add(new FieldError(bodyField, "is required"));
        }
        Mustache t = compile(field + (titleNamedSubject ? ".subject" : ".title"), title, false, errors);
        Mustache b = compile(bodyField, body, false, errors);
        Mustache h = compile(field + ".html", html, true, errors);
        Variables variables = Variables.NONE;
        for (Mustache m : new Mustache[] {t, b, h}) {
            if (m != null) {
                variables = variables.and(Mustaches.variables(m));
            }
        }
        return new Fields(t, b, h, variables);
    }

    private static Mustache compile(String field, String source, boolean html, List<FieldError> errors) {
        if (source == null) {
            return null;
        }
        try {
            return Mustaches.compile(source, html);
        } catch (Mustaches.SyntaxError e) {
            errors.add(new FieldError(field, "line " + e.line + ", column " + e.column + ": " + e.getMessage()));
            return null;
        }
    }

    public String templateId() {
        return templateId;
    }

    public int version() {
        return version;
    }

    public String category() {
        return content.category();
    }

    public TemplateContent content() {
        return content;
    }

    /** The channels the template words, in any locale (the default locale words them all). */
    public Set<Channel> channels() {
        return compiled.get(content.defaultLocale()).keySet();
    }

    /**
     * The channels a notification with this template goes on: those {@code asked} (null: all the
     * template words), each one it must word, else named in {@code errors}.
     */
    public Set<Channel> channels(Set<Channel> asked, List<FieldError> errors) {
        if (asked == null) {
            return EnumSet.copyOf(channels());
        }
        asked.stream().filter(channel -> !channels().contains(channel)).forEach(channel -> errors.add(
                new FieldError("channels", "template '" + templateId + "' has no " + channel.wire() + " wording")));
        return asked;
    }

    /** What each locale's wording reads from the params, all its channels together. */
    public Map<String, Variables> variables() {
        Map<String, Variables> variables = new TreeMap<>();
        compiled.forEach((locale, channels) -> variables.put(locale,
                channels.values().stream().map(Fields::variables).reduce(Variables.NONE, Variables::and)));
        return variables;
    }

    /**
     * Each value a recipient's wording on these channels would read that {@code params} lacks, named
     * as a field error ({@code params.<name>}) with its locale and channel: every locale counts, as
     * any recipient may fall back to any of them.
     */
    public List<FieldError> missing(Set<Channel> channels, Map<String, Object> params) {
        List<FieldError> errors = new ArrayList<>();
        compiled.forEach((locale, byChannel) -> byChannel.keySet().stream()
                .filter(channels::contains)
                .forEach(channel -> errors.addAll(missing(locale, channel, params))));
        return errors;
    }

    /** The values the wording of one locale on one channel reads that {@code params} lacks. */
    public List<FieldError> missing(String locale, Channel channel, Map<String, Object> params) {
        return compiled.get(locale).get(channel).variables().values().stream()
                .filter(name -> params.get(name) == null)
                .map(name -> new FieldError("params." + name, "is required: template '" + templateId + "' version "
                        + version + " reads it in " + locale + " (" + channel.wire() + ")"))
                .toList();
    }

    /**
     * The locale a recipient gets on a channel: theirs (ko-KR), else its language (ko), else the
     * template's default, the first of them with wording on that channel.
     */
    public String localeFor(String userLocale, Channel channel) {
        if (userLocale != null) {
            Locale locale = Locale.forLanguageTag(userLocale);
            if (worded(locale.toLanguageTag(), channel)) {
                return locale.toLanguageTag();
            }
            String language = locale.getLanguage();
            if (worded(language, channel)) {
                return language;
            }
        }
        return content.defaultLocale();
    }

    private boolean worded(String locale, Channel channel) {
        Map<Channel, Fields> channels = compiled.get(locale);
        return channels != null && channels.containsKey(channel);
    }

    /** The channel's wording in {@code locale} (one of {@link #localeFor}'s answers) with these params. */
    public Rendered render(String locale, Channel channel, Map<String, Object> params) {
        Fields fields = compiled.get(locale).get(channel);
        return new Rendered(locale, render(fields.title(), params), render(fields.body(), params),
                render(fields.html(), params));
    }

    private static String render(Mustache template, Map<String, Object> params) {
        return template == null ? null : Mustaches.render(template, params);
    }
}
