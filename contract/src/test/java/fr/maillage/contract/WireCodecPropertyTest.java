package fr.maillage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Hostile payloads against the one parser of the wire contract: whatever the bytes, decoding returns a value (never
 * throws), and the value is either a rejection with a reason and a detail, or a message that is valid — its site is
 * the topic's and it survives encoding and decoding again unchanged.
 */
class WireCodecPropertyTest {

    private static final String SITE = "55545-cabine-mairie";
    private static final String SESSION_TOPIC = new SiteTopic(SITE, Channel.SESSION).topic();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] VALID = new WireCodec().encode(WireCodecTest.completedSession(SITE));

    private final WireCodec codec = new WireCodec(4 * 1024);

    @Property(tries = 2000)
    void garbageBytesAreRejectedWithAReason(@ForAll @Size(max = 5000) byte[] payload) {
        assertWellFormed(SESSION_TOPIC, codec.decode(SESSION_TOPIC, payload));
    }

    @Property(tries = 1000)
    void anyTopicAndPayloadGiveAResult(@ForAll("topics") String topic, @ForAll("jsonLike") String payload) {
        assertWellFormed(topic, codec.decode(topic, payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 2000)
    void mutatedValidPayloadsAreRejectedOrStillValid(@ForAll("byteMutations") byte[] payload) {
        assertWellFormed(SESSION_TOPIC, codec.decode(SESSION_TOPIC, payload));
    }

    @Property(tries = 2000)
    void validPayloadsWithAFieldReplacedAreRejectedOrStillValid(
            @ForAll("fieldPaths") List<Integer> path, @ForAll("jsonValues") JsonNode value) throws Exception {
        JsonNode tree = JSON.readTree(VALID);
        replace(tree, path, value);
        assertWellFormed(SESSION_TOPIC, codec.decode(SESSION_TOPIC, JSON.writeValueAsBytes(tree)));
    }

    private void assertWellFormed(String topic, Decoded decoded) {
        assertThat(decoded).isNotNull();
        switch (decoded) {
            case Decoded.Rejected rejected -> {
                assertThat(rejected.rejection().reason()).isNotNull();
                assertThat(rejected.rejection().detail()).isNotBlank();
            }
            case Decoded.Accepted accepted -> {
                assertThat(accepted.topic().topic()).isEqualTo(topic);
                assertThat(accepted.message()).isInstanceOf(SiteMessage.class);
                assertThat(((SiteMessage) accepted.message()).siteId()).isEqualTo(accepted.topic().siteId());
                assertThat(codec.decode(topic, codec.encode(accepted.message())))
                        .isEqualTo(new Decoded.Accepted(accepted.topic(), accepted.message()));
            }
        }
    }

    /** Walks the tree by child indexes (modulo each node's size) and replaces the node reached. */
    private static void replace(JsonNode tree, List<Integer> path, JsonNode value) {
        JsonNode node = tree;
        for (int step = 0; step < path.size(); step++) {
            if (!(node instanceof ObjectNode object) || object.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(Math.floorMod(path.get(step), names.size()));
            JsonNode child = object.get(name);
            if (step == path.size() - 1 || !(child instanceof ObjectNode)) {
                object.set(name, value);
                return;
            }
            node = child;
        }
    }

    @Provide
    Arbitrary<List<Integer>> fieldPaths() {
        return Arbitraries.integers().between(0, 50).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300).map(nodes::textNode),
                Arbitraries.of("'; DROP TABLE encounter; --", "1 OR 1=1", "../../etc/passwd", "\u0000", "NaN",
                        "2026-13-45T25:61:00Z", "99999", "ZZ999", "00000000-0000-0000-0000-000000000000")
                        .map(nodes::textNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(nodes.nullNode(), nodes.booleanNode(true), nodes.arrayNode(), nodes.objectNode()),
                Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(5).map(items -> {
                    var array = nodes.arrayNode();
                    items.forEach(array::add);
                    return array;
                }));
    }

    @Provide
    Arbitrary<byte[]> byteMutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length - 1);
        Arbitrary<byte[]> flipped = Combinators.combine(position, Arbitraries.bytes()).as((at, b) -> {
            byte[] copy = VALID.clone();
            copy[at] = b;
            return copy;
        });
        Arbitrary<byte[]> truncated = position.map(at -> Arrays.copyOf(VALID, at));
        Arbitrary<byte[]> inserted = Combinators.combine(position, Arbitraries.strings().ofMaxLength(40))
                .as((at, text) -> {
                    String valid = new String(VALID, StandardCharsets.UTF_8);
                    return (valid.substring(0, at) + text + valid.substring(at)).getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<byte[]> deleted = Combinators.combine(position, Arbitraries.integers().between(1, 60))
                .as((at, length) -> {
                    String valid = new String(VALID, StandardCharsets.UTF_8);
                    return (valid.substring(0, at) + valid.substring(Math.min(valid.length(), at + length)))
                            .getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<byte[]> oversized = Arbitraries.integers().between(4 * 1024, 20 * 1024).map(size -> {
            byte[] big = new byte[size + 1];
            Arrays.fill(big, (byte) ' ');
            System.arraycopy(VALID, 0, big, 0, VALID.length);
            return big;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(4, flipped), Tuple.of(2, truncated),
                Tuple.of(3, inserted), Tuple.of(3, deleted),
                Tuple.of(1, oversized));
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(120),
                Arbitraries.of(Channel.values()).map(channel -> new SiteTopic(SITE, channel).topic()),
                Arbitraries.strings().withChars("abc-/+#$\u0000é").ofMaxLength(30)
                        .map(site -> "maillage/v1/site/" + site + "/session"));
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(500),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsnl \\u").ofMaxLength(300),
                Arbitraries.just(new String(VALID, StandardCharsets.UTF_8)));
    }
}
