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
 * no known password ever ships with the project.
 */
@Singleton
@Requires(property = "maillage.security.demo-accounts", value = "true")
class DemoAccounts implements ApplicationEventListener<ServerStartupEvent> {

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
            String password = passwords.random();
            var account = new Account(demo.username(), passwords.hash(password), demo.role(), demo.territory(), null,
                    Instant.now());
            if (accounts.existsById(demo.username())) {
                accounts.update(account);
            } else {
                accounts.save(account);
            }
            lines.append("\n    ").append(String.format("%-20s %-12s %s", demo.username(), demo.role(), password));
        }
        log.info("{}", lines);
    }
}
