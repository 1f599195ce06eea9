package routes.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;
import routes.api.StrictJson;
import routes.delivery.Channel;

/**
 * {@code POST /templates/{templateId}/preview}: what a recipient of a locale would get on each
 * channel with these params, and every problem that would stop it (a missing param, wording too
 * long or not encodable for a provider) instead of a send.
 */
@Component("templatePreview")
public class TemplatePreview {

    /** Body of the preview: the recipient's locale (default: the template's), the params, a version (default: newest). */
    public record Request(String locale, Map<String, Object> params, Integer version) {}

    /** A problem the wording would meet: MISSING_VARIABLE, CONTENT_EMPTY, CONTENT_TOO_LONG or CONTENT_NOT_ENCODABLE, and where. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String kind, String provider, String message) {}

    /** One channel's wording as rendered: push title and body, SMS text, email subject, text and html. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelPreview(String locale, String title, String body, String subject, String text, String html,
            List<Problem> problems) {}

    public record Preview(String templateId, int version, Map<Channel, ChannelPreview> channels) {}

    private final TemplateStore templates;
    private final ChannelFit fit;

    public TemplatePreview(TemplateStore templates, ChannelFit fit) {
        this.templates = templates;
        this.fit = fit;
    }

    public Preview preview(@Header("templateId") String templateId, @Body String json) {
        Request request = StrictJson.read(json, Request.class);
        if (request.locale() != null && !Locales.isTag(request.locale())) {
            throw ApiProblem.invalid("locale", "is not a BCP 47 language tag (e.g. ko-KR, en)");
        }
        int version = templates.find(templateId, request.version() == null ? null : request.version().toString())
                .version();
        TemplateVersion template = templates.version(templateId, version);
        Map<String, Object> params = request.params() == null ? Map.of() : request.params();
        Map<Channel, ChannelPreview> channels = new EnumMap<>(Channel.class);
        for (Channel channel : template.channels()) {
            String locale = template.localeFor(request.locale(), channel);
            List<Problem> problems = new ArrayList<>();
            template.missing(locale, channel, params).forEach(missing -> problems.add(
                    new Problem("MISSING_VARIABLE", null, missing.field() + " " + missing.message())));
            Rendered wording = template.render(locale, channel, params);
            fit.each(channel, wording).forEach(verdict -> problems.add(
                    new Problem(verdict.fault().name(), verdict.provider(), verdict.problem())));
            channels.put(channel, switch (channel) {
                case PUSH -> new ChannelPreview(locale, wording.title(), wording.body(), null, null, null, problems);
                case SMS -> new ChannelPreview(locale, null, null, null, wording.body(), null, problems);
                case EMAIL -> new ChannelPreview(locale, null, null, wording.title(), wording.body(), wording.html(),
                        problems);
            });
        }
        return new Preview(templateId, version, channels);
    }
}
