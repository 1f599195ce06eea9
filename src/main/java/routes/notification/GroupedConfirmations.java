package routes.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Marks confirmed claims on their notification rows in groups. Each caller still waits until the
 * commit that holds its eventId is done, but one commit serves everyone who arrived meanwhile:
 * the commit is the costly step of the file database, which writes each one out before it returns.
 */
final class GroupedConfirmations {

    private static final int MAX_GROUP = 500;

    private record Pending(String eventId, CompletableFuture<Void> done) {}

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final JdbcClient db;

    GroupedConfirmations(JdbcClient db) {
        this.db = db;
        Thread.ofVirtual().name("claim-confirmations").start(this::writeGroups);
    }

    void confirm(String eventId) {
        var pending = new Pending(eventId, new CompletableFuture<>());
        queue.add(pending);
        pending.done().join();
    }

    private void writeGroups() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            try {
                db.sql("update notification set claim_confirmed = true where event_id in (:ids) and not claim_confirmed")
                        .param("ids", group.stream().map(Pending::eventId).distinct().toList())
                        .update();
                group.forEach(pending -> pending.done().complete(null));
            } catch (RuntimeException e) {
                group.forEach(pending -> pending.done().completeExceptionally(e));
            }
            group.clear();
        }
    }
}
