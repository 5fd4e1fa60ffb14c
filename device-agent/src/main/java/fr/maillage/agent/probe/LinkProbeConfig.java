package fr.maillage.agent.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The link to the teleconsultation platform: a TCP connection to its host, then (for an http/https URL) a
 * request, both timed.
 *
 * @param url the platform's URL ({@code https://…}), or {@code tcp://host:port} to time the connection only
 * @param timeout beyond this the link is DOWN
 * @param degradedAbove a slower answer makes the link DEGRADED (a video consultation will stutter)
 */
public record LinkProbeConfig(URI url, Duration timeout, Duration degradedAbove) implements ProbeConfig {

    private static final Set<String> SCHEMES = Set.of("http", "https", "tcp");

    public LinkProbeConfig {
        if (url == null || url.getHost() == null
                || !SCHEMES.contains(String.valueOf(url.getScheme()))) {
            throw new IllegalArgumentException("link URL must be http://, https:// or tcp://host:port, was " + url);
        }
        if ("tcp".equals(url.getScheme()) && url.getPort() < 0) {
            throw new IllegalArgumentException("a tcp:// link URL needs a port, was " + url);
        }
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        degradedAbove = degradedAbove == null ? Duration.ofMillis(800) : degradedAbove;
        if (degradedAbove.compareTo(timeout) > 0) {
            throw new IllegalArgumentException(
                    "link degradedAbove (" + degradedAbove + ") must not exceed its timeout (" + timeout + ")");
        }
    }

    @Override
    public Probe create() {
        return new LinkProbe(this);
    }
}
