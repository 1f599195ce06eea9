package routes.cap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default's counts, in this process: lost on a restart (one instance; docs/reliability.md).
 * A key is forgotten one window after its last check, and at most {@code maxKeys} are kept.
 */
final class MemoryCapCounts implements CapCounts {

    /** One key's counted deliveries and when each was counted (epoch ms). */
    private record Window(Duration length, Map<String, Long> counted) {}

    private final Cache<String, Window> windows;

    MemoryCapCounts(long maxKeys) {
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfter(new Expiry<String, Window>() {
                    @Override
                    public long expireAfterCreate(String key, Window window, long now) {
                        return window.length().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Window window, long now, long current) {
                        return window.length().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Window window, long now, long current) {
                        return window.length().toNanos();
                    }
                })
                .build();
    }

    @Override
    public synchronized List<Boolean> take(List<Check> checks, Instant now) {
        long at = now.toEpochMilli();
        List<Boolean> fits = new ArrayList<>(checks.size());
        for (Check check : checks) {
            Window window = windows.get(check.key(), key -> new Window(check.window(), new LinkedHashMap<>()));
            window.counted().values().removeIf(countedAt -> countedAt <= at - check.window().toMillis());
            if (window.counted().containsKey(check.deliveryId())) {
                fits.add(true);
            } else if (window.counted().size() >= check.max()) {
                fits.add(false);
            } else {
                window.counted().put(check.deliveryId(), at);
                fits.add(true);
            }
        }
        return fits;
    }
}
