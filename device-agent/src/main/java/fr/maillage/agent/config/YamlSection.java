package fr.maillage.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the YAML file, read key by key with the line of every node at hand, so that each error
 * names the file, the line and the full key. Keys nobody read are errors too ({@link #finish()}): a typo must
 * not silently fall back to a default.
 */
final class YamlSection {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|MB|GB|KiB|MiB|GiB)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "", 1L, "b", 1L, "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
            "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);

    private final Path file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    YamlSection(Path file, String path, MappingNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new ConfigException(file, line(tuple.getKeyNode()), path, "keys must be plain words");
            }
            if (entries.put(key.getValue(), tuple) != null) {
                throw new ConfigException(file, line(key), key(key.getValue()), "key given twice");
            }
        }
    }

    Optional<String> string(String name) {
        return scalar(name).map(ScalarNode::getValue).map(String::trim).filter(v -> !v.isEmpty());
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> missing(name));
    }

    <T> Optional<T> parsed(String name, String expected, Function<String, T> parser) {
        Optional<ScalarNode> scalar = scalar(name);
        if (scalar.isEmpty() || scalar.get().getValue().isBlank()) {
            return Optional.empty();
        }
        String text = scalar.get().getValue().trim();
        try {
            return Optional.of(parser.apply(text));
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw error(name, "'" + text + "' is not " + expected + why);
        }
    }

    <T> T check(String name, T value, Function<T, String> problem) {
        String message = problem.apply(value);
        if (message != null) {
            throw error(name, message);
        }
        return value;
    }

    Optional<Integer> integer(String name) {
        return parsed(name, "a whole number", Integer::parseInt);
    }

    Optional<Double> decimal(String name) {
        return parsed(name, "a number", Double::parseDouble);
    }

    Optional<Boolean> bool(String name) {
        return parsed(name, "true or false", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("use true or false");
        });
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 such as {@code PT30S}. */
    Optional<Duration> duration(String name) {
        return parsed(name, "a duration such as 500ms, 30s, 5m, 2h or 7d", YamlSection::toDuration);
    }

    /** A byte count: {@code 500MB}, {@code 2GiB}, or a plain number of bytes. */
    Optional<Long> size(String name) {
        return parsed(name, "a size such as 500MB or 2GiB", text -> {
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("unknown unit");
            }
            return Math.multiplyExact(Long.parseLong(m.group(1)), SIZE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT)));
        });
    }

    Optional<Path> path(String name) {
        return parsed(name, "a path", Path::of);
    }

    Optional<URI> uri(String name) {
        return parsed(name, "a URL", text -> {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("a scheme and a host are required");
            }
            return uri;
        });
    }

    <E extends Enum<E>> Optional<E> enumeration(String name, Class<E> type) {
        return parsed(name, "one of " + Arrays.toString(type.getEnumConstants()),
                text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    Optional<YamlSection> section(String name) {
        Optional<Node> value = value(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof MappingNode mapping)) {
            throw error(name, "must be a mapping of keys (indented lines 'key: value')");
        }
        return Optional.of(new YamlSection(file, key(name), mapping));
    }

    /** A list of mappings. */
    List<YamlSection> sections(String name) {
        List<YamlSection> sections = new ArrayList<>();
        List<Node> items = items(name);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MappingNode mapping)) {
                throw new ConfigException(file, line(items.get(i)), key(name) + "[" + i + "]", "must be a mapping");
            }
            sections.add(new YamlSection(file, key(name) + "[" + i + "]", mapping));
        }
        return sections;
    }

    /** A list of plain values; a single value counts as a list of one. */
    List<String> strings(String name) {
        Optional<Node> value = value(name);
        if (value.isPresent() && value.get() instanceof ScalarNode scalar) {
            return scalar.getValue().isBlank() ? List.of() : List.of(scalar.getValue().trim());
        }
        List<String> strings = new ArrayList<>();
        List<Node> items = items(name);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof ScalarNode scalar)) {
                throw new ConfigException(file, line(items.get(i)), key(name) + "[" + i + "]", "must be a plain value");
            }
            strings.add(scalar.getValue().trim());
        }
        return strings;
    }

    /** Fails on the first key nobody read: it is a typo or belongs elsewhere. */
    void finish() {
        for (var entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                throw new ConfigException(file, line(entry.getValue().getKeyNode()), key(entry.getKey()),
                        "unknown key (known here: " + String.join(", ", read.isEmpty() ? Set.of("none") : read) + ")");
            }
        }
    }

    ConfigException error(String name, String problem) {
        NodeTuple tuple = entries.get(name);
        int line = tuple == null ? line(node) : line(tuple.getValueNode());
        return new ConfigException(file, line, key(name), problem);
    }

    ConfigException missing(String name) {
        return new ConfigException(file, line(node), key(name),
                "missing required key" + (path.isEmpty() ? "" : " in section '" + path + "'"));
    }

    int line() {
        return line(node);
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Optional<Node> value(String name) {
        read.add(name);
        NodeTuple tuple = entries.get(name);
        if (tuple == null || Tag.NULL.equals(tuple.getValueNode().getTag())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    private Optional<ScalarNode> scalar(String name) {
        Optional<Node> value = value(name);
        if (value.isPresent() && !(value.get() instanceof ScalarNode)) {
            throw error(name, "must be a single value, not a list or a mapping");
        }
        return value.map(ScalarNode.class::cast);
    }

    private List<Node> items(String name) {
        Optional<Node> value = value(name);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            throw error(name, "must be a list (lines starting with '- ')");
        }
        return sequence.getValue();
    }

    private static Duration toDuration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown unit");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
