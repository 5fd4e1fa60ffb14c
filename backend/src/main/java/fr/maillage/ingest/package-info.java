/**
 * MQTT ingest: subscribes to every site's state, status and session topics through a shared subscription,
 * decodes each message with the wire contract, applies it in one transaction, and only then acknowledges it to
 * the broker. What the contract refuses, or what cannot be processed, goes to the dead letter with its reason.
 */
package fr.maillage.ingest;
