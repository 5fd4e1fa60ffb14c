package fr.maillage.agent.probe;

/**
 * Thresholds of the disk probe on the outbox's volume.
 *
 * @param degradedBelowBytes free space under which the disk is DEGRADED
 * @param downBelowBytes free space under which the disk is DOWN
 */
public record DiskProbeConfig(long degradedBelowBytes, long downBelowBytes) {

    public static final DiskProbeConfig DEFAULT = new DiskProbeConfig(500L << 20, 50L << 20);

    public DiskProbeConfig {
        if (downBelowBytes < 0 || degradedBelowBytes < downBelowBytes) {
            throw new IllegalArgumentException("disk thresholds need 0 <= downBelowBytes (" + downBelowBytes
                    + ") <= degradedBelowBytes (" + degradedBelowBytes + ")");
        }
    }
}
