package fr.maillage.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The login page, the one page that answers anonymously. The form posts to Micronaut Security's {@code /login},
 * which sets the session cookie (a signed JWT) and redirects to the portal.
 */
@Controller("/login")
@Secured(SecurityRule.IS_ANONYMOUS)
class LoginPageController {

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@Nullable @QueryValue String error) {
        String message = error == null
                ? ""
                : "<p class=\"error\" role=\"alert\">Identifiant ou mot de passe incorrect.</p>";
        return HttpResponse.ok("""
                <!doctype html>
                <html lang="fr">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Maillage — connexion</title>
                  <style>
                    body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
                    label { display: block; margin-top: 1rem; }
                    input { width: 100%%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
                    button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; }
                    .error { color: #a00000; }
                  </style>
                </head>
                <body>
                  <h1>Maillage</h1>
                  <p>Onglet télémédecine — accès réservé.</p>
                  %s
                  <form method="post" action="/login">
                    <label for="username">Identifiant</label>
                    <input id="username" name="username" autocomplete="username" required autofocus>
                    <label for="password">Mot de passe</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required>
                    <button type="submit">Se connecter</button>
                  </form>
                </body>
                </html>
                """.formatted(message)).contentType(MediaType.TEXT_HTML_TYPE);
    }
}
