package routes.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import routes.delivery.Channel;
import routes.delivery.ContentFault;
import routes.provider.apns.ApnsPayloads;
import routes.provider.sms.SmsGateway;

/**
 * Whether rendered wording fits its channel, by the same rules intake applies to a title and body:
 * the push payload's 4 KB (APNs' limit; FCM's is the same 4 KB), and each SMS provider's own
 * (SmsGateway.misfits: SENS's EUC-KR bytes, Twilio's characters). Email carries any length; its
 * text part is required of every template. Wording that renders blank (an SMS with no text, a push
 * with neither title nor body, an email without subject or text) is never sent either: a person
 * would get an empty message.
 */
@Component("channelFit")
public class ChannelFit {

    /** Why the wording cannot go out through {@code provider} as it is. */
    public record Verdict(String provider, ContentFault fault, String problem) {}

    private final SmsGateway primarySms;
    private final SmsGateway secondarySms;

    public ChannelFit(@Qualifier("primarySms") SmsGateway primarySms,
            @Qualifier("secondarySms") SmsGateway secondarySms) {
        this.primarySms = primarySms;
        this.secondarySms = secondarySms;
    }

    /**
     * What keeps this wording from being sent, for fan-out: SMS is judged by the primary provider
     * (the secondary only takes over what it can carry too, routes.provider.sms.SmsFailover).
     */
    public Optional<Verdict> check(Channel channel, Rendered wording, Map<String, String> data, boolean background) {
        Optional<Verdict> empty = background ? Optional.empty() : empty(channel, wording);
        if (empty.isPresent()) {
            return empty;
        }
        return switch (channel) {
            case PUSH -> push(wording, data, background);
            case SMS -> sms(primarySms, wording).stream().findFirst();
            case EMAIL -> Optional.empty();
        };
    }

    /** Every provider's verdict on this wording, for the preview: each configured SMS provider's. */
    public List<Verdict> each(Channel channel, Rendered wording) {
        List<Verdict> verdicts = new ArrayList<>();
        empty(channel, wording).ifPresent(verdicts::add);
        switch (channel) {
            case PUSH -> push(wording, Map.of(), false).ifPresent(verdicts::add);
            case SMS -> {
                for (SmsGateway gateway : List.of(primarySms, secondarySms)) {
                    if (gateway.configured()) {
                        verdicts.addAll(sms(gateway, wording));
                    }
                }
            }
            case EMAIL -> {
                // any length, and the text part is there
            }
        }
        return verdicts;
    }

    /** A channel's wording with nothing to read: the parts a person reads are all blank. */
    static Optional<Verdict> empty(Channel channel, Rendered wording) {
        boolean blank = switch (channel) {
            case PUSH -> isBlank(wording.title()) && isBlank(wording.body());
            case SMS -> isBlank(wording.body());
            case EMAIL -> isBlank(wording.title()) || isBlank(wording.body());
        };
        if (!blank) {
            return Optional.empty();
        }
        String parts = switch (channel) {
            case PUSH -> "title and body are";
            case SMS -> "the text is";
            case EMAIL -> isBlank(wording.title()) ? "the subject is" : "the text part is";
        };
        return Optional.of(new Verdict(channel.wire(), ContentFault.CONTENT_EMPTY,
                parts + " blank once rendered (" + wording.locale() + "); an empty message is never sent"));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Optional<Verdict> push(Rendered wording, Map<String, String> data, boolean background) {
        int size = ApnsPayloads.sizeOf(wording.title(), wording.body(), data, background);
        if (size <= ApnsPayloads.MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Verdict("push", ContentFault.CONTENT_TOO_LONG, "the push payload of title, body and data"
                + " is " + size + " bytes; APNs and FCM take at most " + ApnsPayloads.MAX_BYTES + " ("
                + wording.locale() + ", " + wording.body().getBytes(StandardCharsets.UTF_8).length + " bytes of body)"));
    }

    private static List<Verdict> sms(SmsGateway gateway, Rendered wording) {
        return gateway.misfits(null, wording.body()).stream()
                .map(misfit -> new Verdict(gateway.name(), misfit.fault(), "the text " + misfit.problem()))
                .toList();
    }
}
