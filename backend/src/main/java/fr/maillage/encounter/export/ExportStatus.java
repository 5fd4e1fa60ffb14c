package fr.maillage.encounter.export;

/** Where an export job stands. */
public enum ExportStatus {
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED
}
