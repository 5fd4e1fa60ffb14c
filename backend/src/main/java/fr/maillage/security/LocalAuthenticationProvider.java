package fr.maillage.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a login against the local accounts; the token then carries the role and the scope. */
@Singleton
class LocalAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    private final AccountRepository accounts;
    private final Passwords passwords;

    LocalAuthenticationProvider(AccountRepository accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(
            @Nullable HttpRequest<B> request, @NonNull AuthenticationRequest<String, String> login) {
        return accounts.findById(login.getIdentity())
                .filter(account -> passwords.matches(login.getSecret(), account.passwordHash()))
                .map(account -> {
                    Map<String, Object> attributes = new HashMap<>();
                    if (account.territory() != null) {
                        attributes.put(Scope.TERRITORY_CLAIM, account.territory());
                    }
                    if (account.siteId() != null) {
                        attributes.put(Scope.SITE_CLAIM, account.siteId());
                    }
                    return AuthenticationResponse.success(account.username(), List.of(account.role()), attributes);
                })
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
