package routes.sandbox;

import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/sandbox/messages?to=}: what the sandbox providers received for one recipient. */
@RestController
@Profile("default")
public class SandboxController {

    public record Received(String to, int count, List<SandboxMessage> messages) {}

    private final SandboxOutbox outbox;

    public SandboxController(SandboxOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/v1/sandbox/messages")
    public Received messages(@RequestParam("to") String to) {
        List<SandboxMessage> messages = outbox.receivedBy(to);
        return new Received(to, messages.size(), messages);
    }
}
