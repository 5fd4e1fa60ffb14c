package fr.maillage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document is read by people and by tools outside the project; the Java contract is what runs. These
 * tests keep the two saying the same thing, so neither can drift unnoticed.
 */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "maillage/v1/maillage.asyncapi.json";

    private final JsonNode document = read(DOCUMENT);
    private final JsonNode schema = read(WireCodec.SCHEMA_RESOURCE);

    @Test
    void everyChannelOfTheContractHasItsAddressAndNoOther() {
        Set<String> documented = new HashSet<>();
        document.get("channels").forEach(channel -> documented.add(channel.get("address").asText()));

        Set<String> contract = new HashSet<>();
        for (Channel channel : Channel.values()) {
            contract.add(SiteTopic.ROOT + "{siteId}/" + channel.segment());
        }
        assertThat(documented).isEqualTo(contract);
    }

    @Test
    void retainFlagAndQosOfEachOperationAreThoseTheCodeUses() {
        for (Channel channel : Channel.values()) {
            JsonNode operation = operationOn(channel);
            JsonNode mqtt = operation.at("/bindings/mqtt");
            assertThat(mqtt.get("qos").asInt()).as("QoS of %s", channel).isEqualTo(1);
            assertThat(mqtt.get("retain").asBoolean()).as("retain of %s", channel).isEqualTo(channel.retained());
            String expectedAction = channel == Channel.CMD ? "receive" : "send";
            assertThat(operation.get("action").asText()).as("action on %s", channel).isEqualTo(expectedAction);
        }
    }

    @Test
    void everyMessagePayloadPointsAtADefinitionOfTheSchema() {
        JsonNode messages = document.at("/components/messages");
        assertThat(messages.size()).isEqualTo(Channel.values().length);
        messages.forEach(message -> {
            String ref = message.at("/payload/schema/$ref").asText();
            assertThat(ref).startsWith("maillage.schema.json#/$defs/");
            String definition = ref.substring(ref.lastIndexOf('/') + 1);
            assertThat(schema.at("/$defs/" + definition).isObject()).as("schema has %s", definition).isTrue();
            assertThat(message.get("name").asText()).isEqualTo(definition);
        });
    }

    @Test
    void siteIdPatternIsTheOneOfTheTopicAndOfTheSchema() {
        String documented = document.at("/components/parameters/siteId/description").asText();
        assertThat(documented).contains(SiteTopic.SITE_ID.pattern());
        assertThat(schema.at("/$defs/siteId/pattern").asText()).isEqualTo("^" + SiteTopic.SITE_ID.pattern() + "$");
    }

    @Test
    void theSessionChannelDescribesTheAnswersTheSchemaCarries() {
        String described = document.at("/channels/session/description").asText();
        JsonNode details = schema.at("/$defs/sessionDetails/properties");
        for (String answer : List.of("recourseReason", "satisfaction", "roleStrengthened")) {
            assertThat(details.has(answer)).as("schema has details.%s", answer).isTrue();
            assertThat(described).contains("details." + answer);
        }
        List<String> scale = new ArrayList<>();
        details.at("/roleStrengthened/enum").forEach(code -> scale.add(code.asText()));
        assertThat(scale).containsExactly(Arrays.stream(SessionDetails.Agreement.values()).map(Enum::name)
                .toArray(String[]::new));
        assertThat(schema.at("/$defs/sessionDetails/required").toString()).doesNotContain("roleStrengthened");
    }

    private JsonNode operationOn(Channel channel) {
        for (JsonNode operation : document.get("operations")) {
            if (operation.at("/channel/$ref").asText().equals("#/channels/" + channel.segment())) {
                return operation;
            }
        }
        throw new AssertionError("no operation on channel " + channel);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }
}
