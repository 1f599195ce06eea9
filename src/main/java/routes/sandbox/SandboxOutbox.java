package routes.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the newest messages per recipient in memory, so a developer can see what would have gone out. */
public class SandboxOutbox {

    private final int keepPerRecipient;
    private final Map<String, Deque<SandboxMessage>> byRecipient = new ConcurrentHashMap<>();

    public SandboxOutbox(int keepPerRecipient) {
        this.keepPerRecipient = keepPerRecipient;
    }

    void record(SandboxMessage message) {
        Deque<SandboxMessage> messages = byRecipient.computeIfAbsent(message.to(), to -> new ArrayDeque<>());
        synchronized (messages) {
            if (messages.size() == keepPerRecipient) {
                messages.removeFirst();
            }
            messages.addLast(message);
        }
    }

    public List<SandboxMessage> receivedBy(String recipient) {
        Deque<SandboxMessage> messages = byRecipient.get(recipient);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
