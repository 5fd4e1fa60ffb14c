package fr.maillage.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns contract records into bytes and bytes into contract records. Decoding never throws on bad input:
 * it returns a {@link Decoded.Rejected} whose detail tells the sender what to fix.
 *
 * <p>Thread-safe; build one and share it.
 */
public final class WireCodec {

    /** Where the schema sits on the classpath. */
    public static final String SCHEMA_RESOURCE = "maillage/v1/maillage.schema.json";

    /** Payloads larger than this are refused before parsing. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final Map<Channel, String> DEFINITIONS = Map.of(
            Channel.STATE, "StateMessage",
            Channel.STATUS, "StatusMessage",
            Channel.SESSION, "SessionEvent",
            Channel.CMD, "Command");

    private static final Map<Channel, Class<? extends WireMessage>> TYPES = Map.of(
            Channel.STATE, StateMessage.class,
            Channel.STATUS, StatusMessage.class,
            Channel.SESSION, SessionEvent.class,
            Channel.CMD, Command.class);

    private final ObjectMapper mapper;
    private final Map<Channel, JsonSchema> schemas;
    private final int maxPayloadBytes;

    public WireCodec() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public WireCodec(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        this.schemas = new EnumMap<>(Channel.class);
        DEFINITIONS.forEach((channel, definition) -> schemas.put(
                channel,
                factory.getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE + "#/$defs/" + definition))));
    }

    /** The JSON bytes of a message, as published. */
    public byte[] encode(WireMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** Decodes and validates a payload received on {@code topic}. */
    public Decoded decode(String topic, byte[] payload) {
        var siteTopic = SiteTopic.parse(topic);
        if (siteTopic.isEmpty()) {
            return rejected(Rejection.Reason.UNKNOWN_TOPIC, "not a topic of contract v1: " + topic);
        }
        if (payload.length > maxPayloadBytes) {
            return rejected(
                    Rejection.Reason.TOO_LARGE,
                    "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            return rejected(Rejection.Reason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return rejected(Rejection.Reason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            return rejected(Rejection.Reason.MALFORMED_JSON, "payload must be a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt() || version.intValue() != WireMessage.SCHEMA_VERSION) {
            return rejected(
                    Rejection.Reason.UNSUPPORTED_VERSION,
                    "schemaVersion must be " + WireMessage.SCHEMA_VERSION + ", was " + version);
        }
        Channel channel = siteTopic.get().channel();
        Set<ValidationMessage> violations = schemas.get(channel).validate(tree);
        if (!violations.isEmpty()) {
            return rejected(
                    Rejection.Reason.SCHEMA_VIOLATION,
                    violations.stream()
                            .map(ValidationMessage::getMessage)
                            .sorted()
                            .collect(Collectors.joining("; ")));
        }
        WireMessage message;
        try {
            message = mapper.treeToValue(tree, TYPES.get(channel));
        } catch (JsonProcessingException e) {
            return rejected(Rejection.Reason.SCHEMA_VIOLATION, e.getOriginalMessage());
        }
        return check(siteTopic.get(), message);
    }

    /** Rules a JSON schema cannot say: the topic names the publisher, and time runs forward. */
    private static Decoded check(SiteTopic topic, WireMessage message) {
        if (message instanceof SiteMessage site && !site.siteId().equals(topic.siteId())) {
            return rejected(
                    Rejection.Reason.SITE_MISMATCH,
                    "payload siteId " + site.siteId() + " differs from topic site " + topic.siteId());
        }
        if (message instanceof SessionEvent session
                && session.details() != null
                && session.details().endedAt() != null
                && session.details().endedAt().isBefore(session.details().startedAt())) {
            return rejected(Rejection.Reason.INCONSISTENT, "details.endedAt is before details.startedAt");
        }
        return new Decoded.Accepted(topic, message);
    }

    private static Decoded rejected(Rejection.Reason reason, String detail) {
        return new Decoded.Rejected(new Rejection(reason, detail));
    }
}
