package fr.maillage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SiteTopicTest {

    @Test
    void topicIsBuiltAndParsedBack() {
        var topic = new SiteTopic("52121-msp", Channel.STATUS);

        assertThat(topic.topic()).isEqualTo("maillage/v1/site/52121-msp/status");
        assertThat(SiteTopic.parse(topic.topic())).contains(topic);
    }

    @Test
    void topicsOutsideTheContractDoNotParse() {
        assertThat(SiteTopic.parse("maillage/v2/site/a1/status")).isEmpty();
        assertThat(SiteTopic.parse("maillage/v1/site/a1/status/extra")).isEmpty();
        assertThat(SiteTopic.parse("maillage/v1/site/a1/unknown")).isEmpty();
        assertThat(SiteTopic.parse("maillage/v1/site/+/status")).isEmpty();
    }

    @Test
    void siteIdThatWouldBreakTopicLevelsIsRefused() {
        assertThatThrownBy(() -> new SiteTopic("a/b", Channel.STATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SiteTopic("#", Channel.STATE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharedFilterSplitsOneChannelAcrossInstances() {
        assertThat(SiteTopic.sharedFilter("maillage", Channel.SESSION))
                .isEqualTo("$share/maillage/maillage/v1/site/+/session");
    }
}
