package fr.maillage.contract;

/** The outcome of decoding one MQTT message: a valid message, or a rejection that says why. */
public sealed interface Decoded {

    /** A payload that parsed and satisfied the contract. */
    record Accepted(SiteTopic topic, WireMessage message) implements Decoded {}

    /** A payload refused by the contract; the caller keeps the raw bytes with this reason. */
    record Rejected(Rejection rejection) implements Decoded {}
}
