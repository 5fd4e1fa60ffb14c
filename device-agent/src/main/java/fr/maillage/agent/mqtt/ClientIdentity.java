package fr.maillage.agent.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate and private key the agent presents to a broker that requires client certificates (mutual
 * TLS), either as a PKCS#12 keystore or as two PEM files, the forms operators get from their PKI.
 */
public sealed interface ClientIdentity {

    /** Key managers presenting this identity; fails with a message naming the file when it cannot be read. */
    KeyManager[] keyManagers();

    /**
     * A PKCS#12 file holding the private key and its certificate chain.
     *
     * @param keystore the {@code .p12} / {@code .pfx} file
     * @param password its password (also the key's, as {@code openssl pkcs12 -export} makes them)
     */
    record Pkcs12(Path keystore, String password) implements ClientIdentity {

        public Pkcs12 {
            if (keystore == null) {
                throw new IllegalArgumentException("client keystore file is required");
            }
            password = password == null ? "" : password;
        }

        @Override
        public KeyManager[] keyManagers() {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password.toCharArray());
                return managers(store, password.toCharArray());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "cannot read the client keystore " + keystore + " (PKCS#12, password right?): " + e.getMessage(),
                        e);
            }
        }

        @Override
        public String toString() {
            return "Pkcs12[keystore=" + keystore + ", password=***]";
        }
    }

    /**
     * A PEM certificate (chain, leaf first) and its unencrypted PKCS#8 PEM private key.
     *
     * @param certificate the client certificate, followed by intermediates if any
     * @param privateKey the key, {@code -----BEGIN PRIVATE KEY-----} (RSA, EC or EdDSA)
     */
    record Pem(Path certificate, Path privateKey) implements ClientIdentity {

        private static final Pattern PKCS8 =
                Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
        private static final List<String> ALGORITHMS = List.of("RSA", "EC", "EdDSA");

        public Pem {
            if (certificate == null || privateKey == null) {
                throw new IllegalArgumentException("a PEM client identity needs both a certificate and a private key");
            }
        }

        @Override
        public KeyManager[] keyManagers() {
            PrivateKey key = key();
            List<Certificate> chain = chain();
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] transientPassword = new char[0];
                store.setKeyEntry("client", key, transientPassword, chain.toArray(Certificate[]::new));
                return managers(store, transientPassword);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("the client certificate " + certificate + " and the key "
                        + privateKey + " do not go together: " + e.getMessage(), e);
            }
        }

        private List<Certificate> chain() {
            try (InputStream in = Files.newInputStream(certificate)) {
                List<Certificate> chain =
                        List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
                if (chain.isEmpty()) {
                    throw new IllegalArgumentException("no certificate in " + certificate);
                }
                return chain;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "cannot read the client certificate " + certificate + ": " + e.getMessage(), e);
            }
        }

        private PrivateKey key() {
            String text;
            try {
                text = Files.readString(privateKey, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the client key " + privateKey + ": " + e.getMessage(), e);
            }
            Matcher pem = PKCS8.matcher(text);
            if (!pem.find()) {
                throw new IllegalArgumentException("the client key " + privateKey + " is not an unencrypted PKCS#8 PEM "
                        + "key (-----BEGIN PRIVATE KEY-----); convert it with "
                        + "`openssl pkcs8 -topk8 -nocrypt -in old.key -out client.key`");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
            for (String algorithm : ALGORITHMS) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // Not this algorithm: the PKCS#8 envelope names it, but the JDK asks us to pick the factory.
                }
            }
            throw new IllegalArgumentException(
                    "the client key " + privateKey + " is neither an RSA, an EC nor an EdDSA key");
        }
    }

    private static KeyManager[] managers(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }
}
