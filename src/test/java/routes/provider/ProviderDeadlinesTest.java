package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderDeadlinesTest {

    private final ProviderDeadlines deadlines = new ProviderDeadlines();

    @AfterEach
    void stop() {
        deadlines.destroy();
    }

    @Test
    void anAnswerThatNeverComesFailsWithATimeoutOnceItsDeadlinePassed() {
        CompletableFuture<String> answer = deadlines.within(new CompletableFuture<>(), Duration.ofMillis(300));

        assertThat(answer).as("before its deadline").isNotDone();
        await().atMost(Duration.ofSeconds(3)).until(answer::isDone);
        assertThat(answer).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void anAnswerInTimeIsPassedOn() {
        CompletableFuture<String> sent = new CompletableFuture<>();
        CompletableFuture<String> answer = deadlines.within(sent, Duration.ofSeconds(5));

        sent.complete("apns-id");

        assertThat(answer).isCompletedWithValue("apns-id");
    }

    /** FcmProvider cancels firebase-admin's send when the failure its callback sees is a TimeoutException. */
    @Test
    void aCallbackOnTheAnswerSeesTheTimeoutItself() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        deadlines.within(new CompletableFuture<String>(), Duration.ofMillis(200))
                .whenComplete((result, failure) -> seen.set(failure));

        await().atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(seen.get()).isInstanceOf(TimeoutException.class));
    }
}
