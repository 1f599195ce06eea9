import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.nio.NioEventLoopGroup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import routes.provider.email.SmtpConnections;
import routes.sandbox.SandboxApnsServer;
import routes.sandbox.SandboxMailServer;
import routes.sandbox.SandboxOutbox;

/**
 * How many deliveries per second the embedded default's own sandbox peers can take on this
 * machine, with no hub in between: the hub's SandboxApnsServer (Pushy's MockApnsServer, checking
 * each provider token's signature) fed by a bare Pushy client, and its SandboxMailServer
 * (GreenMail) fed by the hub's own SMTP sender (SmtpConnections: connections kept open, 16 at
 * most), and for comparison by bare Jakarta Mail opening one SMTP session per email, as
 * camel-mail's own sender does. Whatever the pipeline costs comes on top, so these figures bound
 * what bench/run can show.
 *
 * java -cp <hub's classes and libraries> bench/PeerCeiling.java <count> <concurrency>
 */
public class PeerCeiling {

    private static final String TOPIC = "bench.peer-ceiling";

    public static void main(String[] args) throws Exception {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int count = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        var eventLoops = new NioEventLoopGroup(2);
        var apns = new SandboxApnsServer(Set.of(TOPIC), eventLoops, new SandboxOutbox(10), new ObjectMapper());
        apns.start();
        var mail = new SandboxMailServer(10);
        mail.start();
        ApnsClient pushy = new ApnsClientBuilder().setApnsServer("localhost", apns.port()).setEventLoopGroup(eventLoops)
                .setTrustedServerCertificateChain(apns.certificate()).setSigningKey(apns.signingKey()).build();
        var perEmail = smtpSession(mail.port());
        var hubSender = new SmtpConnections();
        hubSender.setHost("127.0.0.1");
        hubSender.setPort(mail.port());

        Delivery emailViaHub = n -> hubSender.send(email(hubSender.getSession(), n));

        // warm-up, then each peer alone, then both together (one push and one email per notification)
        run("warm-up, both", count / 2, concurrency, n -> { push(pushy, n); emailViaHub.send(n); });
        run("pushes alone (MockApnsServer)", count, concurrency, n -> push(pushy, n));
        run("emails alone, session each", count, concurrency, n -> Transport.send(email(perEmail, n)));
        run("emails alone, hub's sender", count, concurrency, emailViaHub);
        run("push + email per notification", count, concurrency, n -> { push(pushy, n); emailViaHub.send(n); });
        System.out.printf("SMTP connections accepted: %d%n", mail.connectionsAccepted());

        hubSender.close();
        pushy.close().get();
        apns.stop();
        mail.stop();
        eventLoops.shutdownGracefully().get();
    }

    interface Delivery {
        void send(int n) throws Exception;
    }

    private static void run(String what, int count, int concurrency, Delivery delivery) throws Exception {
        var inFlight = new Semaphore(concurrency);
        var failures = new AtomicInteger();
        long start = System.nanoTime();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                int n = i;
                senders.submit(() -> {
                    try {
                        delivery.send(n);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-32s %7d in %6.2f s = %6.0f/s (%d failed)%n", what, count, seconds, count / seconds,
                failures.get());
    }

    private static void push(ApnsClient pushy, int n) throws Exception {
        String payload = new SimpleApnsPayloadBuilder().setAlertTitle("벤치마크 " + n).setAlertBody("bench 🚀 " + n)
                .addCustomProperty("n", String.valueOf(n)).build();
        var response = pushy.sendNotification(new SimpleApnsPushNotification(token(n), TOPIC, payload)).get();
        if (!response.isAccepted()) {
            throw new IllegalStateException(response.getRejectionReason().orElse("rejected"));
        }
    }

    private static String token(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) (n >> 24);
        bytes[1] = (byte) (n >> 16);
        bytes[2] = (byte) (n >> 8);
        bytes[3] = (byte) n;
        return HexFormat.of().formatHex(bytes);
    }

    private static Session smtpSession(int port) {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        return Session.getInstance(properties);
    }

    /** Like the hub's emails: multipart text and HTML, UTF-8, a List-Unsubscribe header. */
    private static MimeMessage email(Session smtp, int n) throws MessagingException {
        var message = new MimeMessage(smtp);
        message.setFrom(new InternetAddress("hub@bench.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("user" + (n % 1000) + "@bench.example"));
        message.setSubject("벤치마크 " + n, "UTF-8");
        message.setHeader("List-Unsubscribe", "<https://bench.example/unsubscribe>");
        var text = new MimeBodyPart();
        text.setText("bench 🚀 " + n, "UTF-8");
        var html = new MimeBodyPart();
        html.setContent("<p>bench 🚀 " + n + "</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        return message;
    }
}
