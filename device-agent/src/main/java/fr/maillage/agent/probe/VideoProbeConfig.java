package fr.maillage.agent.probe;

import java.nio.file.Path;

/**
 * The site's video devices ({@code /dev/video*}): the camera the remote doctor sees the patient through.
 *
 * @param devDirectory where device nodes live, normally {@code /dev}
 * @param expected how many video nodes the site should have (a UVC camera often exposes two)
 */
public record VideoProbeConfig(Path devDirectory, int expected) implements ProbeConfig {

    public VideoProbeConfig {
        devDirectory = devDirectory == null ? Path.of("/dev") : devDirectory;
        if (expected < 1) {
            throw new IllegalArgumentException("expected video devices must be at least 1, was " + expected);
        }
    }

    @Override
    public Probe create() {
        return new VideoProbe(this);
    }
}
