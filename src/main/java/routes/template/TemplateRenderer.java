package routes.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import routes.delivery.Channel;
import routes.template.ChannelFit.Verdict;

/**
 * Renders templated notifications for fan-out: each recipient's locale picks the wording, and each
 * wording is rendered and judged once per notification, locale and channel within a batch, not once
 * per recipient (a notification to a thousand users in three languages renders three ways).
 */
@Component("templateRenderer")
public class TemplateRenderer {

    /** The wording a delivery carries, and why its channel cannot carry it, if it cannot. */
    public record Wording(Rendered rendered, Optional<Verdict> unfit) {}

    private static final Logger log = LoggerFactory.getLogger(TemplateRenderer.class);

    private final TemplateStore templates;
    private final ChannelFit fit;

    public TemplateRenderer(TemplateStore templates, ChannelFit fit) {
        this.templates = templates;
        this.fit = fit;
    }

    /** A renderer for one fan-out batch, remembering what it rendered. */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private record Key(String notificationId, String locale, Channel channel) {}

        private final Map<Key, Wording> rendered = new HashMap<>();

        private Batch() {}

        /** The wording of {@code template} for a recipient of this locale (null: none) on this channel. */
        public Wording wording(String notificationId, TemplateUse template, String userLocale, Channel channel,
                Map<String, String> data, boolean background) {
            TemplateVersion version = templates.version(template.id(), template.version());
            String locale = version.localeFor(userLocale, channel);
            return rendered.computeIfAbsent(new Key(notificationId, locale, channel), key -> {
                Rendered wording = version.render(locale, channel, template.params());
                Optional<Verdict> unfit = fit.check(channel, wording, data, background);
                unfit.ifPresent(verdict -> log.warn("Notification {}: template {} version {} in {} does not fit {} ({}): "
                                + "{}; its deliveries fail unsent", notificationId, template.id(), template.version(),
                        locale, channel.wire(), verdict.fault(), verdict.problem()));
                return new Wording(wording, unfit);
            });
        }
    }
}
