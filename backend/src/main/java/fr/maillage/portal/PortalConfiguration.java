package fr.maillage.portal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the portal ({@code maillage.portal.*}).
 *
 * @param statePollInterval how often the site table is read for state changes to push to open pages
 * @param brokerUri the MQTT broker that sessions typed in the portal are published to
 * @param publisherClientId MQTT client id of that publisher (one per backend instance)
 * @param username broker user of that publisher, when the broker requires one (the ingest's by default); the
 *     broker's ACL must let it write every site's session topic
 * @param password its password
 * @param networkDepartements the départements of the network, whose figures taken together are the reference
 *     every territory is compared with
 * @param referenceCacheTtl how long the figures of whole départements (the reference columns of the territory
 *     page) are reused before being computed again; {@code 0s} computes them at every request
 */
@ConfigurationProperties("maillage.portal")
public record PortalConfiguration(
        @Bindable(defaultValue = "2s") Duration statePollInterval,
        @NotBlank @Bindable(defaultValue = "tcp://127.0.0.1:1883") String brokerUri,
        @NotBlank @Bindable(defaultValue = "maillage-portal") String publisherClientId,
        @Nullable String username,
        @Nullable String password,
        @NotEmpty @Bindable(defaultValue = "52,54,55") List<String> networkDepartements,
        @Bindable(defaultValue = "60s") Duration referenceCacheTtl) {}
