package fr.maillage.agent.probe;

import fr.maillage.contract.DeviceKind;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A health URL of local software (the cabin's teleconsultation software, typically).
 *
 * @param id device id in status snapshots
 * @param url the health URL; a 2xx answer is OK
 * @param timeout beyond this the software is DOWN
 * @param kind what it is, {@link DeviceKind#CABIN_SOFTWARE} unless told
 */
public record HttpHealthProbeConfig(String id, URI url, Duration timeout, DeviceKind kind) implements ProbeConfig {

    /** What a device id may look like on the wire (the contract's schema). */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,63}");

    public HttpHealthProbeConfig {
        if (id == null || !DEVICE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("probe id must match " + DEVICE_ID.pattern() + ", was " + id);
        }
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("health URL must be http:// or https://, was " + url);
        }
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        kind = kind == null ? DeviceKind.CABIN_SOFTWARE : kind;
    }

    @Override
    public Probe create() {
        return new HttpHealthProbe(this);
    }
}
