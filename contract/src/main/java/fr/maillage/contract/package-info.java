/**
 * The MQTT wire contract between a site's agent and the backend, version 1.
 *
 * <p>Topics are built and parsed by {@link fr.maillage.contract.SiteTopic}; payloads are the records
 * implementing {@link fr.maillage.contract.WireMessage}; {@link fr.maillage.contract.WireCodec} is the
 * only way bytes become records and back, and it validates every payload against the JSON schema
 * {@code maillage/v1/maillage.schema.json} shipped in this module. The AsyncAPI document beside the
 * schema describes the same contract for other tools.
 */
package fr.maillage.contract;
