package fr.maillage.fleet.incident;

import fr.maillage.contract.DeviceKind;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Alert rules and notifications ({@code maillage.fleet.alerts.*}); the rule values are the defaults that
 * {@link TerritoryRules} override per territory. Documented in {@code fleet/README.md}.
 *
 * @param evaluationInterval how often every site is checked against the rules
 * @param offlineAfter see {@link RuleSettings#offlineAfter()}
 * @param requiredPeripherals see {@link RuleSettings#requiredPeripherals()}
 * @param latencyThresholdMs see {@link RuleSettings#latencyThresholdMs()}
 * @param backlogThreshold see {@link RuleSettings#backlogThreshold()}
 * @param dormantAfter see {@link RuleSettings#dormantAfter()}
 * @param escalateAfter see {@link RuleSettings#escalateAfter()}
 * @param mailTo recipients of every incident's mail
 * @param mailFrom sender of the mails
 * @param smtpHost SMTP server; no mail is sent without one
 * @param smtpPort SMTP port
 * @param smtpUsername SMTP user, when the server requires authentication
 * @param smtpPassword SMTP password
 * @param smtpStartTls whether to upgrade the SMTP connection with STARTTLS
 * @param webhookUrls URLs that receive every incident event as a signed JSON POST
 * @param webhookSecret HMAC-SHA256 key of the webhook signature; webhooks are not sent without one
 * @param maxAttempts attempts per notification before it is given up
 * @param retryDelay delay before the first retry; doubled at each further attempt
 * @param dispatchInterval how often due notifications are sent
 * @param sendTimeout connection and answer timeout of one SMTP or HTTP attempt
 */
@ConfigurationProperties("maillage.fleet.alerts")
public record AlertConfiguration(
        @Bindable(defaultValue = "15s") Duration evaluationInterval,
        @Bindable(defaultValue = "10m") Duration offlineAfter,
        @Bindable(defaultValue = "CAMERA") List<DeviceKind> requiredPeripherals,
        @Bindable(defaultValue = "800") double latencyThresholdMs,
        @Bindable(defaultValue = "100") double backlogThreshold,
        @Bindable(defaultValue = "7d") Duration dormantAfter,
        @Bindable(defaultValue = "30m") Duration escalateAfter,
        @Nullable List<String> mailTo,
        @Bindable(defaultValue = "maillage@localhost") String mailFrom,
        @Nullable String smtpHost,
        @Bindable(defaultValue = "25") int smtpPort,
        @Nullable String smtpUsername,
        @Nullable String smtpPassword,
        @Bindable(defaultValue = "false") boolean smtpStartTls,
        @Nullable List<String> webhookUrls,
        @Nullable String webhookSecret,
        @Min(1) @Bindable(defaultValue = "6") int maxAttempts,
        @Bindable(defaultValue = "30s") Duration retryDelay,
        @Bindable(defaultValue = "5s") Duration dispatchInterval,
        @Bindable(defaultValue = "10s") Duration sendTimeout) {

    public RuleSettings defaults() {
        return new RuleSettings(offlineAfter, Set.copyOf(requiredPeripherals), latencyThresholdMs,
                backlogThreshold, dormantAfter, escalateAfter, mailTo == null ? List.of() : mailTo);
    }

    public List<String> webhooks() {
        return webhookUrls == null ? List.of() : webhookUrls;
    }
}
