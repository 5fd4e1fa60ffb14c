package fr.maillage.agent.session;

/**
 * Something to fix in a session request.
 *
 * @param field the field (the form's input name, the CLI's option without dashes)
 * @param message what to do, in French, for the person at the site
 */
public record Problem(String field, String message) {}
