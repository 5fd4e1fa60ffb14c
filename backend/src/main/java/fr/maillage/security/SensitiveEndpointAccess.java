package fr.maillage.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Who may read the sensitive management endpoints (metrics): a scraper with the role {@code metrics}, or an
 * admin. Health stays public for load balancers and Kubernetes probes.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
class SensitiveEndpointAccess extends SensitiveEndpointRule {

    SensitiveEndpointAccess(EndpointSensitivityProcessor sensitivity) {
        super(sensitivity);
    }

    @Override
    protected @NonNull Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
            @NonNull HttpRequest<?> request,
            @NonNull Authentication authentication,
            @NonNull ExecutableMethod<?, ?> method) {
        boolean allowed = authentication.getRoles().contains(Roles.METRICS)
                || authentication.getRoles().contains(Roles.ADMIN);
        return Publishers.just(allowed ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
