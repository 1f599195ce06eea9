package routes.dedup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The embedded default's repository: in this process's memory, bounded in size, each key expiring
 * on its own. It starts with the keys of the notifications fan-out recorded within the dedup window
 * ({@link ConfirmedClaims}), so after a restart a client retrying one of those gets the original's
 * answer, and no request pays for a lookup. A retry of one accepted but not yet recorded at the
 * restart is accepted again: its notificationId is the same, and fan-out records and delivers it
 * once. Production shares Redis instead.
 */
public class MemoryLeasedIdempotentRepository extends ServiceSupport implements LeasedIdempotentRepository {

    private record Claim(boolean confirmed, long lifetimeNanos) {}

    private final Cache<String, Claim> claims;
    // every request's claim is one of these two; a million of them kept is then a million references
    private final Claim leased;
    private final Claim confirmed;

    public MemoryLeasedIdempotentRepository(Duration lease, Duration ttl, long maximumKeys,
            ConfirmedClaims recorded) {
        this.leased = new Claim(false, lease.toNanos());
        this.confirmed = new Claim(true, ttl.toNanos());
        this.claims = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfter(new Expiry<String, Claim>() {
                    @Override
                    public long expireAfterCreate(String key, Claim claim, long now) {
                        return claim.lifetimeNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Claim claim, long now, long remaining) {
                        return claim.lifetimeNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Claim claim, long now, long remaining) {
                        return remaining;
                    }
                })
                // its upkeep (expiry, eviction) on the writing thread, in passing: every request
                // writes here twice, and handing the upkeep to the common pool woke a thread for it
                .executor(Runnable::run)
                .build();
        Instant now = Instant.now();
        recorded.forEachSince(now.minus(ttl), maximumKeys, (key, recordedAt) -> claims.put(key,
                new Claim(true, Duration.between(now, recordedAt.plus(ttl)).toNanos())));
    }

    @Override
    public boolean add(String key) {
        return claims.asMap().putIfAbsent(key, leased) == null;
    }

    @Override
    public boolean confirm(String key) {
        return claims.asMap().computeIfPresent(key, (k, claim) -> confirmed) != null;
    }

    @Override
    public boolean contains(String key) {
        return claims.getIfPresent(key) != null;
    }

    @Override
    public boolean isConfirmed(String key) {
        Claim claim = claims.getIfPresent(key);
        return claim != null && claim.confirmed();
    }

    @Override
    public boolean remove(String key) {
        return claims.asMap().remove(key) != null;
    }

    @Override
    public void clear() {
        claims.invalidateAll();
    }
}
