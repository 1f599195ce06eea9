package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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
}
