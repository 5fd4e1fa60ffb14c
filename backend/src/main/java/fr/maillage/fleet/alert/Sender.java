package fr.maillage.fleet.alert;

import fr.maillage.fleet.FleetMetrics;

/** Delivers one notification over one channel; throws when it was not delivered, so that it is retried. */
interface Sender {

    FleetMetrics.Channel channel();

    /**
     * @param deliveryId the notification's id, the same across retries (receivers deduplicate on it)
     * @param target recipients or URL
     * @param payload the {@link AlertMessage} as JSON
     */
    void send(long deliveryId, String target, String payload) throws Exception;
}
