package fr.maillage.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the embedded demo one account per role, with passwords made fresh at every start and printed once, so
 * no known password ever ships with the project. The site operator's account is made once the demo knows its
 * sites ({@link #siteOperator}), since sites exist only when their agents first speak.
 */
@Singleton
@Requires(property = "maillage.security.demo-accounts", value = "true")
public class DemoAccounts implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    /** A demo account: name, role and scope. */
    private record Demo(String username, String role, String territory) {}

    private static final List<Demo> DEMO = List.of(
            new Demo("admin", Roles.ADMIN, null),
            new Demo("coordination-meuse", Roles.COORDINATOR, "55"),
            new Demo("evaluation", Roles.EVALUATOR, null));

    private final AccountRepository accounts;
    private final Passwords passwords;

    DemoAccounts(AccountRepository accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        var lines = new StringBuilder("demo accounts (passwords are new at every start):");
        for (Demo demo : DEMO) {
            lines.append(line(demo.username(), demo.role(), demo.territory(), null));
        }
        log.info("{}", lines);
    }

    /** Makes (or renews) the demo's site operator, for one of the simulated sites, and prints its password. */
    public void siteOperator(String siteId) {
        log.info("demo site operator (site {}):{}", siteId, line("operateur-site", Roles.SITE_OPERATOR, null, siteId));
    }

    private String line(String username, String role, String territory, String siteId) {
        String password = passwords.random();
        var account = new Account(username, passwords.hash(password), role, territory, siteId, Instant.now());
        if (accounts.existsById(username)) {
            accounts.update(account);
        } else {
            accounts.save(account);
        }
        return "\n    " + String.format("%-20s %-12s %s", username, role, password);
    }
}
