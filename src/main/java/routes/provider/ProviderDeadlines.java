package routes.provider;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The deadlines of providers' answers, on one Netty wheel timer that ticks every 100 ms: a deadline
 * is set and cancelled without waking any thread. CompletableFuture's own orTimeout puts each on the
 * common pool's delay scheduler (JDK 25), whose thread was woken for nearly every push set going
 * and answered (about 3 % of the hub's CPU in bench/bulk).
 */
@Component
public class ProviderDeadlines implements DisposableBean {

    private final HashedWheelTimer timer =
            new HashedWheelTimer(new DefaultThreadFactory("provider-deadlines", true), 100, TimeUnit.MILLISECONDS);

    /**
     * {@code answer} itself, failed with a {@link TimeoutException} if it has not completed within
     * {@code timeout} (give or take the timer's tick), as {@code orTimeout} would: callbacks on it
     * see the TimeoutException as it is, not wrapped as a dependent stage would pass it on.
     */
    public <T> CompletableFuture<T> within(CompletableFuture<T> answer, Duration timeout) {
        Timeout deadline = timer.newTimeout(passed -> answer.completeExceptionally(new TimeoutException()),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((result, failure) -> deadline.cancel());
        return answer;
    }

    @Override
    public void destroy() {
        timer.stop();
    }
}
