package routes.provider.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.providers.email.*}: the SMTP server (host, port, username, password, starttls and
 * the connection limits are read by routes/providers.yaml's {@code smtpConnections}) and what
 * every message says about its sender.
 * {@code list-unsubscribe} is the List-Unsubscribe header, with {@code {userId}} filled in.
 */
@ConfigurationProperties("notify.providers.email")
public record EmailSettings(String host, String from, String replyTo, String listUnsubscribe) {

    boolean configured() {
        return host != null && !host.isBlank() && from != null && !from.isBlank();
    }
}
