package routes.provider.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mail's sender, but keeping SMTP connections open between emails: camel-mail's own sender
 * connects, says EHLO (and STARTTLS, AUTH), sends one email and quits, for every email. Here at
 * most {@code connections} are open at once, each used by one email at a time, the most recently
 * used first; one is closed after {@code messagesPerConnection} emails (relays limit them), after
 * a failed email (its state is unknown), or after 30 s unused. One unused for more than a second
 * is checked with NOOP before it carries an email, so a connection the server dropped meanwhile is
 * replaced instead of failing that email.
 */
public class SmtpConnections extends DefaultJavaMailSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnections.class);
    static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CLOSE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** An open connection, the number of emails it carried, and when it last carried one. */
    private final class Connection {
        final Transport transport;
        int sent;
        long lastUsedNanos = nanoTime.getAsLong();

        Connection(Transport transport) {
            this.transport = transport;
        }

        long idleNanos() {
            return nanoTime.getAsLong() - lastUsedNanos;
        }
    }

    private final LongSupplier nanoTime;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService closingIdle = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("smtp-idle-connections").factory());
    private Semaphore inUse = new Semaphore(16);
    private int messagesPerConnection = 100;
    private int timeoutMillis = 10_000;
    private boolean starttls;

    public SmtpConnections() {
        this(System::nanoTime);
    }

    /** Measuring how long connections were unused on this clock: a test moves it rather than waiting. */
    SmtpConnections(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        setProtocol("smtp");
        closingIdle.scheduleWithFixedDelay(this::closeIdle, 5, 5, TimeUnit.SECONDS);
    }

    public void setConnections(int connections) {
        inUse = new Semaphore(connections);
    }

    public void setMessagesPerConnection(int messagesPerConnection) {
        this.messagesPerConnection = messagesPerConnection;
    }

    public void setTimeoutMillis(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public void setStarttls(boolean starttls) {
        this.starttls = starttls;
    }

    /** An unset credential arrives from its optional placeholder as an empty string: no AUTH then. */
    @Override
    public void setUsername(String username) {
        super.setUsername(username == null || username.isBlank() ? null : username);
    }

    @Override
    public void setPassword(String password) {
        super.setPassword(password == null || password.isBlank() ? null : password);
    }

    /** The session's settings, as camel-mail derives them from an smtp endpoint's options. */
    @Override
    public Properties getJavaMailProperties() {
        Properties properties = (Properties) System.getProperties().clone();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", getHost());
        properties.put("mail.smtp.port", Integer.toString(getPort()));
        properties.put("mail.smtp.connectiontimeout", timeoutMillis);
        properties.put("mail.smtp.timeout", timeoutMillis);
        properties.put("mail.smtp.auth", Boolean.toString(getUsername() != null));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        if (getUsername() != null) {
            properties.put("mail.smtp.user", getUsername());
        }
        return properties;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        // as camel-mail's sender does: a date, and the Message-ID the hub chose survives saveChanges
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        inUse.acquireUninterruptibly();
        Connection connection = null;
        try {
            connection = take();
            connection.transport.sendMessage(message, message.getAllRecipients());
            connection.sent++;
            connection.lastUsedNanos = nanoTime.getAsLong();
            if (connection.sent < messagesPerConnection) {
                idle.addFirst(connection);
                connection = null;
            }
        } finally {
            if (connection != null) {
                close(connection);
            }
            inUse.release();
        }
    }

    /** The most recently used connection that still answers, or a new one. */
    private Connection take() throws MessagingException {
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            if (connection.idleNanos() < CHECK_AFTER_IDLE_NANOS || connection.transport.isConnected()) {
                return connection;
            }
            close(connection);
        }
        Transport transport = getTransport(getSession());
        transport.connect(getHost(), getPort(), getUsername(), getPassword());
        return new Connection(transport);
    }

    private void closeIdle() {
        for (Connection connection : idle) {
            if (connection.idleNanos() > CLOSE_AFTER_IDLE_NANOS && idle.removeFirstOccurrence(connection)) {
                close(connection);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Closing an SMTP connection failed; it is dropped anyway", e);
        }
    }

    @Override
    public void close() {
        closingIdle.shutdownNow();
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            close(connection);
        }
    }
}
