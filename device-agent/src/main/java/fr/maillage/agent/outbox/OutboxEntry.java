package fr.maillage.agent.outbox;

import fr.maillage.contract.Channel;

/**
 * One message waiting in the outbox for its PUBACK.
 *
 * @param id position in the outbox; publishing in id order keeps the order of every topic
 * @param channel the channel (hence the topic) it goes to
 * @param payload the encoded message, as it will be published
 */
public record OutboxEntry(long id, Channel channel, byte[] payload) {}
