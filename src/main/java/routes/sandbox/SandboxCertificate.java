package routes.sandbox;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed TLS certificate for localhost and its key, made in memory for one run: the sandbox
 * APNs server presents it and only the embedded default's client trusts it. Nothing of it is on
 * disk or in the jar, so no other process or profile can trust or present it.
 */
public record SandboxCertificate(X509Certificate certificate, PrivateKey privateKey) {

    // a day back, for clocks a little behind; years ahead, as a developer's hub may run for weeks
    private static final Duration BACK = Duration.ofDays(1);
    private static final Duration AHEAD = Duration.ofDays(3650);

    public static SandboxCertificate forLocalhost() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name localhost = new X500Name("CN=localhost");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(localhost, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(BACK)), Date.from(now.plus(AHEAD)), localhost, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SandboxCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not make the sandbox's TLS certificate", e);
        }
    }
}
