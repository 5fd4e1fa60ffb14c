package fr.maillage.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic of the form {@code maillage/v1/site/{siteId}/{channel}}.
 *
 * @param siteId the site identifier, as in {@link #SITE_ID}
 * @param channel the channel
 */
public record SiteTopic(String siteId, Channel channel) {

    /** Root of every topic of this contract version. */
    public static final String ROOT = "maillage/v1/site/";

    /** What a site id may look like: it is a topic level, so no wildcard, slash or space. */
    public static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public SiteTopic {
        if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
            throw new IllegalArgumentException("site id must match " + SITE_ID.pattern() + ": " + siteId);
        }
        if (channel == null) {
            throw new IllegalArgumentException("channel is required");
        }
    }

    /** The topic string to publish on. */
    public String topic() {
        return ROOT + siteId + "/" + channel.segment();
    }

    /** Parses a concrete topic; empty when it is not a topic of this contract. */
    public static Optional<SiteTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] levels = topic.substring(ROOT.length()).split("/", -1);
        if (levels.length != 2 || !SITE_ID.matcher(levels[0]).matches()) {
            return Optional.empty();
        }
        return Channel.fromSegment(levels[1]).map(channel -> new SiteTopic(levels[0], channel));
    }

    /** The filter matching one channel of every site. */
    public static String filter(Channel channel) {
        return ROOT + "+/" + channel.segment();
    }

    /**
     * The MQTT v5 shared-subscription filter for one channel, so that several backend instances split the
     * messages of every site between them.
     */
    public static String sharedFilter(String group, Channel channel) {
        return "$share/" + group + "/" + filter(channel);
    }
}
