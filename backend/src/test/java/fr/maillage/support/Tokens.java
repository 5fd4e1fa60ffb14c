package fr.maillage.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.maillage.security.Roles;
import fr.maillage.security.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Bearer tokens for tests, signed with the secret {@link RealServers} gives the application — the same kind of
 * token an identity provider issues in production, checked by the same code.
 */
public final class Tokens {

    /** The signing secret of test applications (HS256 wants at least 256 bits). */
    public static final String SECRET = "maillage-tests-only-secret-0123456789abcdef";

    private Tokens() {}

    public static String admin() {
        return token("test-admin", Roles.ADMIN, null, null);
    }

    public static String coordinator(String territory) {
        return token("test-coordinator-" + territory, Roles.COORDINATOR, territory, null);
    }

    public static String siteOperator(String siteId) {
        return token("test-operator-" + siteId, Roles.SITE_OPERATOR, null, siteId);
    }

    public static String evaluator() {
        return token("test-evaluator", Roles.EVALUATOR, null, null);
    }

    public static String token(String user, String role, String territory, String siteId) {
        var claims = new JWTClaimsSet.Builder()
                .subject(user)
                .claim("roles", List.of(role))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(1, ChronoUnit.HOURS)));
        if (territory != null) {
            claims.claim(Scope.TERRITORY_CLAIM, territory);
        }
        if (siteId != null) {
            claims.claim(Scope.SITE_CLAIM, siteId);
        }
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }
}
