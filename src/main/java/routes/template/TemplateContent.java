package routes.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Body of {@code PUT /templates/{templateId}}: the wording per locale (a BCP 47 tag) and channel,
 * each field a Mustache template. A locale may leave channels out; {@code defaultLocale} must carry
 * every channel any locale carries, so that every recipient's fallback ends in wording.
 */
public record TemplateContent(String category, String defaultLocale, Map<String, Wording> locales) {

    /** One locale's wording; a channel left out is not worded in this locale. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Wording(Push push, Sms sms, Email email) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Push(String title, String body) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sms(String text) {}

    /** {@code html}, when given, goes as the alternative to {@code text}, which every email carries. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Email(String subject, String text, String html) {}
}
