package fr.maillage.contract;

/** What a probe watches: a medical peripheral, or a part of the site's own equipment. */
public enum DeviceKind {
    STETHOSCOPE,
    OTOSCOPE,
    DERMATOSCOPE,
    ECG,
    BLOOD_PRESSURE_MONITOR,
    PULSE_OXIMETER,
    THERMOMETER,
    CAMERA,
    NETWORK_LINK,
    DISK,
    AGENT,
    CABIN_SOFTWARE,
    OTHER
}
