package routes.category;

import java.util.List;
import java.util.Optional;
import routes.delivery.Channel;
import routes.notification.Priority;

/**
 * How the hub treats every notification of one category: the priority it has unless it names
 * one, whether the users' quiet hours hold it, how many of its deliveries a user gets per channel
 * in a rolling window, and the channels it goes to unless it names them.
 */
public record Category(String name, Priority priority, boolean bypassQuietHours, List<FrequencyCap> caps,
        List<Channel> defaultChannels) {

    public Category {
        caps = List.copyOf(caps);
        defaultChannels = List.copyOf(defaultChannels);
    }

    /** What a category no one has configured does: nothing beyond what the notification says. */
    static Category unconfigured(String name) {
        return new Category(name, null, false, List.of(), List.of());
    }

    /** The cap on this channel, if the category has one. */
    public Optional<FrequencyCap> capOn(Channel channel) {
        return caps.stream().filter(cap -> cap.channel() == channel).findFirst();
    }
}
