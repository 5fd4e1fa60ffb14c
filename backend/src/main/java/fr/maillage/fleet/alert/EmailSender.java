package fr.maillage.fleet.alert;

import fr.maillage.fleet.FleetMetrics;
import fr.maillage.fleet.incident.AlertConfiguration;
import fr.maillage.fleet.incident.IncidentView;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Mails the alert through the configured SMTP server (Jakarta Mail), in plain text. */
@Singleton
class EmailSender implements Sender {

    private final AlertConfiguration configuration;
    private final JsonMapper json;
    private final Session session;

    EmailSender(AlertConfiguration configuration, JsonMapper json) {
        this.configuration = configuration;
        this.json = json;
        Properties properties = new Properties();
        if (configuration.smtpHost() != null) {
            String timeout = Long.toString(configuration.sendTimeout().toMillis());
            properties.put("mail.smtp.host", configuration.smtpHost());
            properties.put("mail.smtp.port", Integer.toString(configuration.smtpPort()));
            properties.put("mail.smtp.connectiontimeout", timeout);
            properties.put("mail.smtp.timeout", timeout);
            properties.put("mail.smtp.writetimeout", timeout);
            properties.put("mail.smtp.starttls.enable", Boolean.toString(configuration.smtpStartTls()));
            properties.put("mail.smtp.starttls.required", Boolean.toString(configuration.smtpStartTls()));
            properties.put("mail.smtp.auth", Boolean.toString(configuration.smtpUsername() != null));
        }
        this.session = Session.getInstance(properties);
    }

    @Override
    public FleetMetrics.Channel channel() {
        return FleetMetrics.Channel.EMAIL;
    }

    @Override
    public void send(long deliveryId, String target, String payload) throws MessagingException, IOException {
        AlertMessage alert = json.readValue(payload, AlertMessage.class);
        IncidentView incident = alert.incident();
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(configuration.mailFrom()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(target));
        message.setSubject("[Maillage] " + alert.event() + " " + incident.rule() + " – "
                + (incident.siteName() != null ? incident.siteName() + " (" + incident.siteId() + ")" : incident.siteId()),
                StandardCharsets.UTF_8.name());
        message.setHeader("X-Maillage-Delivery", Long.toString(deliveryId));
        message.setText(body(alert), StandardCharsets.UTF_8.name());
        if (configuration.smtpUsername() != null) {
            Transport.send(message, configuration.smtpUsername(), configuration.smtpPassword());
        } else {
            Transport.send(message);
        }
    }

    private static String body(AlertMessage alert) {
        IncidentView incident = alert.incident();
        StringBuilder text = new StringBuilder()
                .append("Incident ").append(incident.id()).append(": ").append(alert.event()).append('\n')
                .append("Site: ").append(incident.siteId())
                .append(incident.siteName() == null ? "" : " (" + incident.siteName() + ")").append('\n')
                .append("Département: ").append(incident.departement() == null ? "?" : incident.departement())
                .append('\n');
        if (incident.deviceId() != null) {
            text.append("Device: ").append(incident.deviceId()).append('\n');
        }
        text.append("Rule: ").append(incident.rule()).append('\n')
                .append("Detail: ").append(incident.detail()).append('\n')
                .append("Opened: ").append(incident.openedAt()).append('\n');
        if (incident.resolvedAt() != null) {
            text.append("Resolved: ").append(incident.resolvedAt()).append('\n');
        }
        if (incident.acknowledgedBy() != null) {
            text.append("Acknowledged by: ").append(incident.acknowledgedBy()).append('\n');
        }
        return text.toString();
    }
}
