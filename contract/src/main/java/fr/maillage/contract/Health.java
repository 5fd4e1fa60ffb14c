package fr.maillage.contract;

/** What a probe found. Ordered from best to worst, so the worst of several is their maximum. */
public enum Health {
    OK,
    DEGRADED,
    DOWN;

    public Health worst(Health other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
