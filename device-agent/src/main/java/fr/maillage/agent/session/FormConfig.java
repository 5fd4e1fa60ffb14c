package fr.maillage.agent.session;

/**
 * The local session form.
 *
 * @param enabled whether {@code run} serves it
 * @param port its port on 127.0.0.1 (it is never exposed beyond the site's own machine)
 */
public record FormConfig(boolean enabled, int port) {

    public static final int DEFAULT_PORT = 8731;
    public static final FormConfig DEFAULT = new FormConfig(true, DEFAULT_PORT);

    public FormConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("form port must be between 0 and 65535, was " + port);
        }
    }
}
