package fr.maillage.security;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Enforces {@link InScope} before the controller method runs. */
@Singleton
@InterceptorBean(InScope.class)
class ScopeInterceptor implements MethodInterceptor<Object, Object> {

    private final SiteScopes scopes;
    private final SecurityService security;

    ScopeInterceptor(SiteScopes scopes, SecurityService security) {
        this.scopes = scopes;
        this.security = security;
    }

    @Override
    public @Nullable Object intercept(MethodInvocationContext<Object, Object> context) {
        AnnotationValue<InScope> rule = context.getAnnotation(InScope.class);
        Authentication user = security.getAuthentication()
                .orElseThrow(() -> new HttpStatusException(HttpStatus.UNAUTHORIZED, "authentication required"));
        Scope scope = Scope.of(user);
        boolean evaluatorPasses = rule.booleanValue("aggregated").orElse(false) && user.getRoles().contains(Roles.EVALUATOR);
        if (!scope.everything() && !evaluatorPasses) {
            check(rule, context.getParameterValueMap(), scope);
        }
        return context.proceed();
    }

    private void check(AnnotationValue<InScope> rule, Map<String, Object> arguments, Scope scope) {
        Optional<String> site = argument(rule, "site", arguments);
        if (site.isPresent() && scopes.exists(site.get()) && !scopes.covers(scope, site.get())) {
            throw forbidden("site " + site.get() + " is outside this account's scope");
        }
        Optional<String> incident = argument(rule, "incident", arguments);
        if (incident.isPresent()) {
            Optional<String> ofIncident = scopes.siteOfIncident(incident.get());
            if (ofIncident.isPresent() && !scopes.covers(scope, ofIncident.get())) {
                throw forbidden("incident " + incident.get() + " is at a site outside this account's scope");
            }
        }
        Optional<String> level = argument(rule, "level", arguments);
        Optional<String> codes = argument(rule, "codes", arguments);
        if (level.isPresent() && codes.isPresent()) {
            List<String> list = Arrays.stream(codes.get().split(",")).map(String::trim).filter(c -> !c.isEmpty())
                    .toList();
            if (!scopes.coversTerritory(scope, level.get(), list)) {
                throw forbidden(level.get() + "/" + codes.get() + " is not within this account's territory"
                        + scope.territory().map(t -> " (" + t + ")").orElse(""));
            }
        }
    }

    private static Optional<String> argument(AnnotationValue<InScope> rule, String member, Map<String, Object> arguments) {
        return rule.stringValue(member)
                .filter(name -> !name.isEmpty())
                .map(name -> {
                    if (!arguments.containsKey(name)) {
                        // a misnamed argument must not silently switch the check off
                        throw new IllegalStateException("@InScope names no argument '" + name + "'");
                    }
                    return arguments.get(name);
                })
                .map(Object::toString);
    }

    private static HttpStatusException forbidden(String reason) {
        return new HttpStatusException(HttpStatus.FORBIDDEN, reason);
    }
}
