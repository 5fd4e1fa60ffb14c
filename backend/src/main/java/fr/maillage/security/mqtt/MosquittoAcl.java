package fr.maillage.security.mqtt;

import fr.maillage.contract.Channel;
import fr.maillage.contract.SiteTopic;

/**
 * The broker ACL, written from the wire contract: a site (its user name is its site id) writes its own state,
 * status and session topics and reads its commands; the backend reads every site, directly or through its shared
 * subscription, writes commands, and writes the sessions typed in the portal. {@code deploy/mosquitto/acl} is this text, and a test keeps them equal.
 */
public final class MosquittoAcl {

    /** The backend's broker user: reserved, no site may have this id. */
    public static final String BACKEND_USER = "maillage-backend";
    /** The backend's shared-subscription group (the ingest's default). */
    static final String SHARED_GROUP = "maillage";

    private MosquittoAcl() {}

    public static String render() {
        StringBuilder acl = new StringBuilder("""
                # A site's MQTT user name is its site id: the pattern confines it to maillage/v1/site/{its id}/...
                # It publishes state, status and session, and reads its commands. It cannot touch another site's topics.
                """);
        for (Channel channel : new Channel[] {Channel.STATE, Channel.STATUS, Channel.SESSION}) {
            acl.append("pattern write ").append(SiteTopic.ROOT).append("%u/").append(channel.segment()).append('\n');
        }
        acl.append("pattern read ").append(SiteTopic.ROOT).append("%u/").append(Channel.CMD.segment()).append('\n');
        acl.append("""

                # The backend reads every site's messages (through a shared subscription) and sends commands. It also writes
                # sessions typed in the portal on the site's session topic (the portal checks the operator's site first).
                user\s""").append(BACKEND_USER).append('\n');
        for (Channel channel : new Channel[] {Channel.STATE, Channel.STATUS, Channel.SESSION}) {
            String access = channel == Channel.SESSION ? "readwrite" : "read";
            acl.append("topic ").append(access).append(' ').append(SiteTopic.filter(channel)).append('\n');
        }
        acl.append("topic write ").append(SiteTopic.filter(Channel.CMD)).append('\n');
        for (Channel channel : new Channel[] {Channel.STATE, Channel.STATUS, Channel.SESSION}) {
            acl.append("topic read ").append(SiteTopic.sharedFilter(SHARED_GROUP, channel)).append('\n');
        }
        return acl.toString();
    }
}
