package routes.cap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;
import routes.category.Categories;
import routes.category.FrequencyCap;
import routes.delivery.Delivery;
import routes.delivery.SkipReason;

/**
 * Fan-out's frequency-cap step: each queued delivery whose category caps its channel is counted
 * against the user's deliveries of that category and channel within the cap's window, the whole
 * batch in one call; one over the cap is SKIPPED (FREQUENCY_CAPPED).
 */
@Component("frequencyCaps")
public class FrequencyCaps {

    private final Categories categories;
    private final CapCounts counts;
    private final Clock clock;

    FrequencyCaps(Categories categories, CapCounts counts, Clock clock) {
        this.categories = categories;
        this.counts = counts;
        this.clock = clock;
    }

    public List<Delivery> apply(@Body List<Delivery> deliveries) {
        List<CapCounts.Check> checks = new ArrayList<>();
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            Optional<FrequencyCap> cap = delivery.isQueued() && delivery.category() != null
                    ? categories.lookup(delivery.category()).capOn(delivery.channel()) : Optional.empty();
            if (cap.isPresent()) {
                checks.add(new CapCounts.Check(delivery.category() + ':' + delivery.channel().wire() + ':'
                        + delivery.userId(), delivery.deliveryId(), cap.get().max(), cap.get().window()));
                checked.add(i);
            }
        }
        if (checks.isEmpty()) {
            return deliveries;
        }
        List<Boolean> fits = counts.take(checks, clock.instant());
        List<Delivery> decided = new ArrayList<>(deliveries);
        for (int j = 0; j < checked.size(); j++) {
            if (!fits.get(j)) {
                int at = checked.get(j);
                decided.set(at, decided.get(at).skipped(SkipReason.FREQUENCY_CAPPED));
            }
        }
        return decided;
    }
}
