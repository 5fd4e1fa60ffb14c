package fr.maillage.security.mqtt;

import fr.maillage.contract.SiteTopic;
import fr.maillage.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * Admin API of the broker's accounts: issue (or re-issue) a site's credentials, revoke them, and write the
 * Mosquitto password file and ACL to deploy. The password is shown once, in the answer that issues it; only its
 * Mosquitto hash is kept.
 */
@Controller("/api/admin/mqtt")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class MqttCredentialsController {

    private static final String TEXT = MediaType.TEXT_PLAIN + ";charset=utf-8";

    private final MqttCredentialRepository credentials;
    private final MosquittoPasswords passwords = new MosquittoPasswords();
    private final Clock clock = Clock.systemUTC();

    MqttCredentialsController(MqttCredentialRepository credentials) {
        this.credentials = credentials;
    }

    /**
     * @param username the broker user name: the site id, or the backend's
     * @param password the password, shown this once
     * @param passwordFileLine the line this account has in the password file
     */
    @Serdeable
    record Issued(String username, String password, String passwordFileLine) {}

    /** Issues new credentials for a site (its user name is its site id) or the backend, replacing older ones. */
    @Put("/credentials/{username}")
    HttpResponse<Issued> issue(@PathVariable String username, Authentication admin) {
        if (!username.equals(MosquittoAcl.BACKEND_USER) && !SiteTopic.SITE_ID.matcher(username).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'" + username + "' is neither a site id ("
                    + SiteTopic.SITE_ID.pattern() + ") nor " + MosquittoAcl.BACKEND_USER);
        }
        String password = passwords.randomPassword();
        var credential = new MqttCredential(username, passwords.hash(password), clock.instant(), admin.getName());
        boolean renewed = credentials.existsById(username);
        if (renewed) {
            credentials.update(credential);
        } else {
            credentials.save(credential);
        }
        var issued = new Issued(username, password, line(credential));
        return renewed ? HttpResponse.ok(issued) : HttpResponse.created(issued);
    }

    @Delete("/credentials/{username}")
    HttpResponse<Void> revoke(@PathVariable String username) {
        if (!credentials.existsById(username)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no broker account is named " + username);
        }
        credentials.deleteById(username);
        return HttpResponse.noContent();
    }

    /** Mosquitto's {@code password_file}, every account issued so far. */
    @Get(uri = "/passwd", produces = TEXT)
    String passwordFile() {
        return credentials.listOrderByUsername().stream().map(c -> line(c) + "\n").collect(Collectors.joining());
    }

    /** Mosquitto's {@code acl_file}. */
    @Get(uri = "/acl", produces = TEXT)
    String acl() {
        return MosquittoAcl.render();
    }

    private static String line(MqttCredential credential) {
        return credential.username() + ":" + credential.passwordHash();
    }
}
