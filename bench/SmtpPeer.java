import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain SMTP server in a process of its own, for bench/chaos: it accepts every message and
 * appends the first eventId found in it (evt-<uuid>) and the time (epoch milliseconds) to <file>, one
 * line a message, written before the message is acknowledged; so the file survives this peer being killed and started again, and
 * counts what a mail server received, repeats included.
 *
 * java bench/SmtpPeer.java <port> <file>
 */
public class SmtpPeer {

    private static final Pattern EVENT_ID = Pattern.compile("evt-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public static void main(String[] args) throws IOException {
        Path received = Path.of(args[1]);
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 256)) {
            System.out.println("port " + server.getLocalPort());
            while (true) {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection, received));
            }
        }
    }

    private static void serve(Socket connection, Path received) {
        try (connection;
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream raw = connection.getOutputStream();
                PrintWriter out = new PrintWriter(raw, true, StandardCharsets.ISO_8859_1)) {
            reply(out, "220 localhost ESMTP bench peer");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 localhost");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String eventId = null;
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            Matcher found = EVENT_ID.matcher(line);
                            if (eventId == null && found.find()) {
                                eventId = found.group();
                            }
                        }
                        synchronized (SmtpPeer.class) {
                            Files.writeString(received, (eventId == null ? "no-event-id" : eventId) + " "
                                    + System.currentTimeMillis() + "\n",
                                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        }
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 command not implemented");
                }
            }
        } catch (IOException closed) {
            // the sender went away: nothing to answer
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }
}
