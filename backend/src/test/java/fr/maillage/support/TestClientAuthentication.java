package fr.maillage.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Gives the Micronaut HTTP clients of tests an admin's bearer token, unless a request sets its own Authorization
 * header — tests of the access rules do, with the token of the role they test.
 */
@ClientFilter("/**")
@Requires(env = Environment.TEST)
class TestClientAuthentication {

    @RequestFilter
    void authenticate(MutableHttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            request.bearerAuth(Tokens.admin());
        }
    }
}
