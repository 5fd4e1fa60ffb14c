package fr.maillage.security;

import io.micronaut.aop.Around;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refuses a controller method (403 with the reason) unless the user's {@link Scope} covers what the request names:
 * a site, an incident's site, or a territory. Roles are checked first by {@code @Secured}; this checks the rows.
 * A site or incident that does not exist is let through, so that the controller answers 404.
 *
 * <p>Evaluators have no row-level scope: they pass only where {@link #aggregated()} is set, that is on routes whose
 * every count is already suppressed below the small-cell threshold.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
public @interface InScope {

    /** Name of the argument holding a site id. */
    String site() default "";

    /** Name of the argument holding an incident id. */
    String incident() default "";

    /** Name of the argument holding a territory level ({@code communes}, {@code epci}, {@code departements}). */
    String level() default "";

    /** Name of the argument holding the territory codes, comma-separated. */
    String codes() default "";

    /** Whether the route serves suppressed aggregates only, which evaluators may read for any territory. */
    boolean aggregated() default false;
}
