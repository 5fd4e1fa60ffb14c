package fr.maillage.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings of security ({@code maillage.security.*}).
 *
 * @param demoAccounts create one local account per role at start-up with a fresh random password, printed in the
 *     log — for the embedded demo only
 */
@ConfigurationProperties("maillage.security")
public record SecurityConfiguration(@Bindable(defaultValue = "false") boolean demoAccounts) {}
