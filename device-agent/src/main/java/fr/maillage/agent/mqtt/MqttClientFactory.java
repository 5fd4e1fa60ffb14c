package fr.maillage.agent.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.nio.file.Path;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Builds the Paho client and its connection options. A fresh client per connection attempt: each attempt
 * carries its own Will (with its own {@code connSeq}), and in-flight messages are the outbox's business, so
 * Paho keeps nothing worth reusing (its persistence is in memory).
 */
public final class MqttClientFactory {

    private final BrokerConfig config;
    private final SSLSocketFactory tlsSockets;

    public MqttClientFactory(BrokerConfig config) {
        this.config = config;
        this.tlsSockets =
                config.caCertificate() == null && config.clientIdentity() == null ? null : tlsSockets(config);
    }

    public MqttAsyncClient client(String uri, String clientId) throws MqttException {
        return new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    }

    /** A persistent session (clean start off, session expiry) whose Will is {@code will} on {@code willTopic}. */
    public MqttConnectionOptions options(String willTopic, byte[] will) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) config.connectTimeout().toSeconds());
        options.setAutomaticReconnect(false);
        MqttMessage willMessage = new MqttMessage(will, 1, true, null);
        options.setWill(willTopic, willMessage);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if (tlsSockets != null) {
            options.setSocketFactory(tlsSockets);
        }
        return options;
    }

    /** Trusts the configured CA (else the JVM's authorities) and presents the client identity, if any. */
    private static SSLSocketFactory tlsSockets(BrokerConfig config) {
        TrustManager[] trust = config.caCertificate() == null ? null : trusting(config.caCertificate());
        KeyManager[] keys = config.clientIdentity() == null ? null : config.clientIdentity().keyManagers();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys, trust, null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trusting(Path caCertificate) {
        try (InputStream pem = Files.newInputStream(caCertificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + caCertificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return trust.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read the broker's CA certificate " + caCertificate + ": " + e.getMessage(), e);
        }
    }
}
