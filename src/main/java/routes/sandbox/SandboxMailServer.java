package routes.sandbox;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's SMTP server: GreenMail in this process. What it received for an address
 * is listed by the sandbox endpoint like every other channel, read back from the real message.
 * Like the other channels' sandboxes it keeps the newest {@code keepPerRecipient} messages of each
 * mailbox (GreenMail itself keeps every message for the life of the process).
 */
public class SandboxMailServer {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxMailServer.class);
    private static final Flags DELETED = new Flags(Flags.Flag.DELETED);

    private static final List<String> SHOWN_HEADERS =
            List.of("From", "Reply-To", "List-Unsubscribe", "Content-Type", "Message-ID");

    private final int keepPerRecipient;
    private GreenMail greenMail;
    private ScheduledExecutorService trimming;
    private int port;
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final Set<String> refusedRecipients = ConcurrentHashMap.newKeySet();
    /** Each received message read once: a listing is asked for again and again while mail arrives. */
    private final Map<MimeMessage, SandboxMessage> read = Collections.synchronizedMap(new WeakHashMap<>());

    public SandboxMailServer(int keepPerRecipient) {
        this.keepPerRecipient = keepPerRecipient;
    }

    /** Starts on a free port the first time, and on that same port after a {@link #stop()}. */
    public synchronized void start() {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = new PromptGreenMail(port == 0 ? smtp.dynamicPort() : smtp, connectionsAccepted, refusedRecipients);
        greenMail.start();
        port = greenMail.getSmtp().getPort();
        // mail arrives on GreenMail's own threads, so mailboxes are trimmed beside them, not in their way
        trimming = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("sandbox-mail-trim").factory());
        trimming.scheduleWithFixedDelay(this::trim, 1, 1, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        trimming.shutdownNow();
        greenMail.stop();
    }

    /** Drops the oldest messages of each mailbox beyond {@code keepPerRecipient}. */
    private void trim() {
        try {
            for (MailFolder mailbox : greenMail.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
                long[] uids = mailbox.getMessageUids();
                for (int i = 0; i < uids.length - keepPerRecipient; i++) {
                    mailbox.setFlags(DELETED, true, uids[i], null, false);
                }
                if (uids.length > keepPerRecipient) {
                    mailbox.expunge();
                }
            }
        } catch (FolderException | RuntimeException e) {
            // the next round tries again; a failure must not end the schedule
            LOG.warn("Sandbox SMTP server could not trim its mailboxes", e);
        }
    }

    public int port() {
        return port;
    }

    /** SMTP connections accepted since the first start: what a sender's connection reuse saves shows here. */
    public int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /**
     * From now on a message to this address is refused once sent (after DATA), with the address
     * quoted in the reply, as a server that checks a mailbox late (quota, policy) refuses it.
     */
    public void refuseMailTo(String address) {
        refusedRecipients.add(address.toLowerCase(Locale.ROOT));
    }

    public List<SandboxMessage> receivedBy(String address) {
        List<SandboxMessage> messages = new ArrayList<>();
        try {
            for (MimeMessage mail : greenMail.getReceivedMessages()) {
                if (String.join(",", mail.getHeader("To", ",")).contains(address)) {
                    SandboxMessage message = read.get(mail);
                    if (message == null || !message.to().equals(address)) {
                        message = asSandboxMessage(mail, address);
                        read.put(mail, message);
                    }
                    messages.add(message);
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Sandbox SMTP server holds an unreadable message", e);
        }
        return messages;
    }

    /** SMTP carries text with CRLF line ends; the listing shows it as it was written. */
    private static String lines(BodyPart part) throws MessagingException, IOException {
        return part.getContent().toString().replace("\r\n", "\n");
    }

    private static SandboxMessage asSandboxMessage(MimeMessage mail, String address)
            throws MessagingException, IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : SHOWN_HEADERS) {
            String value = mail.getHeader(name, ",");
            if (value != null) {
                headers.put(name, value);
            }
        }
        String text = null;
        if (mail.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                headers.put("part." + i, part.getContentType());
                if (part.isMimeType("text/plain")) {
                    text = lines(part);
                } else if (part.isMimeType("text/html")) {
                    headers.put("html", lines(part));
                }
            }
        }
        Instant received = mail.getReceivedDate() != null ? mail.getReceivedDate().toInstant() : Instant.now();
        return new SandboxMessage(mail.getHeader("X-Notify-Delivery-Id", null),
                mail.getHeader("X-Notify-Notification-Id", null), "email", "email", address, mail.getSubject(),
                text, null, null, received, headers);
    }

    /**
     * GreenMail writes a multi-line reply (EHLO's) a line at a time, so with Nagle's algorithm on
     * the second line waits for the client's delayed ACK: 40 ms added to every SMTP session (its
     * connect took 44 ms, 3 ms without Nagle). Real SMTP servers send such a reply at once.
     */
    private static final class PromptGreenMail extends GreenMail {
        private final AtomicInteger accepted;
        private final Set<String> refused;

        PromptGreenMail(ServerSetup setup, AtomicInteger accepted, Set<String> refused) {
            super(setup);
            this.accepted = accepted;
            this.refused = refused;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = new LinkedHashMap<>();
            // GreenMail takes every message; this manager refuses those to an address a test named
            SmtpManager refusing = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
                @Override
                public String checkData(SmtpState state) {
                    for (MailAddress recipient : state.getMessage().getToAddresses()) {
                        if (refused.contains(recipient.getEmail().toLowerCase(Locale.ROOT))) {
                            return "554 5.7.1 <" + recipient.getEmail() + ">: Delivery not authorized, message refused";
                        }
                    }
                    return super.checkData(state);
                }
            };
            for (ServerSetup setup : config) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected void handleClientSocket(Socket client) throws SocketException {
                        accepted.incrementAndGet();
                        client.setTcpNoDelay(true);
                        super.handleClientSocket(client);
                    }

                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket client) {
                        return new SmtpHandler(new SmtpCommandRegistry(), refusing, client);
                    }
                });
            }
            return services;
        }
    }
}
