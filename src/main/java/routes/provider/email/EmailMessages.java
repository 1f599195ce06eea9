package routes.provider.email;

import java.net.IDN;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import routes.delivery.Delivery;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;
import routes.tracking.ClickTokens;

/**
 * Turns a delivery into the message camel-mail sends: an HTML body with its plain-text
 * alternative, UTF-8 subject, sender headers from configuration, and the hub's ids as headers. The
 * HTML is a template's, when its wording has one, else made from the title and body.
 */
@Component("emailMessages")
public class EmailMessages {

    static final String DELIVERY_ID = "X-Notify-Delivery-Id";
    static final String NOTIFICATION_ID = "X-Notify-Notification-Id";

    private final EmailSettings settings;
    private final ClickTokens clickTokens;

    public EmailMessages(EmailSettings settings, ClickTokens clickTokens) {
        this.settings = settings;
        this.clickTokens = clickTokens;
    }

    public void compose(Exchange exchange) {
        if (!settings.configured()) {
            throw PermanentFailure.notConfigured("email");
        }
        Delivery delivery = exchange.getMessage().getBody(Delivery.class);
        Message mail = exchange.getMessage();
        mail.getHeaders().clear();
        mail.setHeader("To", withAsciiDomain(delivery.recipient()));
        mail.setHeader("From", settings.from());
        if (settings.replyTo() != null && !settings.replyTo().isBlank()) {
            mail.setHeader("Reply-To", settings.replyTo());
        }
        if (settings.listUnsubscribe() != null && !settings.listUnsubscribe().isBlank()) {
            mail.setHeader("List-Unsubscribe", settings.listUnsubscribe().replace("{userId}", delivery.userId()));
        }
        mail.setHeader("Subject", delivery.title() != null ? delivery.title() : firstLine(delivery.body()));
        mail.setHeader("Message-ID", messageId(delivery));
        mail.setHeader(DELIVERY_ID, delivery.deliveryId());
        mail.setHeader(NOTIFICATION_ID, delivery.notificationId());
        mail.setHeader("CamelMailAlternativeBody", plainText(delivery));
        mail.setBody(delivery.html() != null ? delivery.html() : html(delivery));
    }

    /**
     * The delivery's own Message-ID (camel-mail keeps one that is set): an email sent again after
     * a crash, which SMTP cannot tell from a new one, carries the same id, and mailboxes that fold
     * messages by Message-ID show it once.
     */
    private String messageId(Delivery delivery) {
        String from = settings.from();
        String domain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip();
        return "<" + delivery.deliveryId() + "@" + domain + ">";
    }

    /**
     * The address with its domain in ASCII (IDNA: bücher.example is xn--bcher-kva.example), the form
     * every SMTP server takes; an internationalised domain as written needs SMTPUTF8 (RFC 6531),
     * which many lack. The hub keeps and shows the address as it was given. A local part beyond
     * ASCII has no such form: it still needs a server that takes SMTPUTF8.
     */
    static String withAsciiDomain(String address) {
        int at = address.lastIndexOf('@');
        return address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1));
    }

    public ProviderReceipt receipt(@Header("CamelMailMessageId") String messageId) {
        return new ProviderReceipt(messageId);
    }

    /** The title is the subject already; the text part is the body and the link, if any. */
    private String plainText(Delivery delivery) {
        return delivery.body() + link(delivery).map(link -> "\n\n" + link).orElse("");
    }

    private String html(Delivery delivery) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>");
        if (delivery.title() != null) {
            html.append("<h1>").append(HtmlUtils.htmlEscape(delivery.title())).append("</h1>");
        }
        html.append("<p>").append(HtmlUtils.htmlEscape(delivery.body()).replace("\n", "<br>")).append("</p>");
        link(delivery).ifPresent(link -> html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link))
                .append("\">").append(HtmlUtils.htmlEscape(link)).append("</a></p>"));
        return html.append("</body></html>").toString();
    }

    /**
     * A {@code link} in the data becomes the message's call to action, when it is a web address,
     * through the click-tracking redirect.
     */
    private Optional<String> link(Delivery delivery) {
        String link = delivery.data() == null ? null : delivery.data().get("link");
        return link != null && (link.startsWith("https://") || link.startsWith("http://"))
                ? Optional.of(clickTokens.track(delivery.deliveryId(), link)) : Optional.empty();
    }

    private static String firstLine(String body) {
        String line = body.lines().findFirst().orElse("");
        return line.length() <= 120 ? line : line.substring(0, 120);
    }
}
