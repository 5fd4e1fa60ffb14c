package fr.maillage.territory;

/** The two thresholds the field agrees on. */
public final class Thresholds {

    /** APL below this (consultations per standardised inhabitant per year) marks an under-served commune. */
    public static final double APL_FRAGILE_THRESHOLD = 2.5;

    /** Secret statistique: counts of patients from 1 to this minus one are never shown to evaluators. */
    public static final int SMALL_CELL_THRESHOLD = 11;

    private Thresholds() {}
}
