import com.eatthepath.pushy.apns.server.BenchmarkApnsServer;
import com.eatthepath.pushy.apns.server.BenchmarkApnsServerBuilder;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The APNs peer of the production profile's benches, in a process of its own (the profile has no
 * sandbox providers): Pushy's BenchmarkApnsServer, which accepts every notification, on a free port
 * with a self-signed certificate for localhost. Writes into <dir>:
 * apns-peer.pem, the certificate the hub is to trust, and AuthKey_BENCHKEY01.p8, an EC P-256
 * signing key for the hub's token auth (the server checks no token, but the hub's client must
 * load one). Prints "port <n>" once it listens, then runs until killed.
 *
 * java -cp <hub's libraries> bench/ApnsPeer.java <dir>
 */
public class ApnsPeer {

    private static final char[] STORE_PASSWORD = "apns-peer".toCharArray();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // the JDK's keytool makes the certificate: the hub's libraries hold no BouncyCastle, and
        // netty's fallback generator needs JDK internals that JDK 17+ closes
        Path store = dir.resolve("apns-peer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "apns-peer", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
                .inheritIO().start();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(store.toFile())) {
            keys.load(in, STORE_PASSWORD);
        }
        var certificate = (X509Certificate) keys.getCertificate("apns-peer");
        Files.writeString(dir.resolve("apns-peer.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(dir.resolve("AuthKey_BENCHKEY01.p8"), pem("PRIVATE KEY", signingKey()));

        // one event loop, as in bench/ApnsBench: the hub's client keeps one connection
        BenchmarkApnsServer server = new BenchmarkApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {certificate},
                        (PrivateKey) keys.getKey("apns-peer", STORE_PASSWORD), null)
                .setEventLoopGroup(new NioEventLoopGroup(1))
                .build();
        System.out.println("port " + server.start(0).get());
    }

    private static byte[] signingKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPrivate().getEncoded();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
