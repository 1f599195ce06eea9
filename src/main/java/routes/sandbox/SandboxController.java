package routes.sandbox;

import java.util.ArrayList;
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
    private final SandboxMailServer mail;

    public SandboxController(SandboxOutbox outbox, SandboxMailServer mail) {
        this.outbox = outbox;
        this.mail = mail;
    }

    @GetMapping("/api/v1/sandbox/messages")
    public Received messages(@RequestParam("to") String to) {
        List<SandboxMessage> messages = new ArrayList<>(outbox.receivedBy(to));
        messages.addAll(mail.receivedBy(to));
        return new Received(to, messages.size(), messages);
    }
}
