package fr.maillage.agent.config;

import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.mqtt.Backoff;
import fr.maillage.agent.mqtt.BrokerConfig;
import fr.maillage.agent.mqtt.ClientIdentity;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.agent.probe.CommandProbeConfig;
import fr.maillage.agent.probe.DiskProbeConfig;
import fr.maillage.agent.probe.HttpHealthProbeConfig;
import fr.maillage.agent.probe.LinkProbeConfig;
import fr.maillage.agent.probe.ProbeConfig;
import fr.maillage.agent.probe.UsbProbeConfig;
import fr.maillage.agent.probe.VideoProbeConfig;
import fr.maillage.agent.session.FormConfig;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the agent's YAML file ({@code agent.example.yml} documents every key). Refuses to start on anything
 * doubtful: an unknown key, a value of the wrong type, a missing required key; the error names the line and
 * the key.
 */
public final class ConfigFile {

    private static final String INSEE = "[0-9]{5}|2[AB][0-9]{3}";

    private final Path file;

    private ConfigFile(Path file) {
        this.file = file;
    }

    public static SiteConfiguration load(Path file) {
        return new ConfigFile(file).read();
    }

    private SiteConfiguration read() {
        YamlSection root = new YamlSection(file, "", rootMapping());
        YamlSection site = root.section("site").orElseThrow(() -> root.missing("site"));
        String siteId = site.check("id", site.requiredString("id"), id -> SiteTopic.SITE_ID.matcher(id).matches()
                ? null
                : "'" + id + "' is not a valid site id: lowercase letters, digits and dashes, 2 to 63 characters");
        SiteDescriptor descriptor = new SiteDescriptor(
                site.requiredString("name"),
                site.enumeration("kind", SiteKind.class).orElseThrow(() -> site.missing("kind")),
                site.check("inseeCode", site.requiredString("inseeCode"), code -> code.matches(INSEE)
                        ? null
                        : "'" + code + "' is not an INSEE commune code (five characters, quote it to keep leading zeros)"),
                site.decimal("latitude").orElse(null),
                site.decimal("longitude").orElse(null));
        site.finish();

        BrokerConfig broker = broker(root.section("mqtt").orElseThrow(() -> root.missing("mqtt")));
        Duration heartbeat = root.duration("heartbeat").orElse(AgentConfig.DEFAULT_HEARTBEAT);
        Duration probeInterval = root.duration("probeInterval").orElse(AgentConfig.DEFAULT_PROBE_INTERVAL);
        Path dataDir = root.path("dataDir").orElseThrow(() -> root.missing("dataDir"));
        OutboxLimits outbox = root.section("outbox").map(this::outbox).orElse(OutboxLimits.DEFAULT);
        DiskProbeConfig disk = root.section("disk").map(this::disk).orElse(DiskProbeConfig.DEFAULT);
        List<ProbeConfig> probes = root.section("probes").map(this::probes).orElse(List.of());
        FormConfig form = root.section("form").map(this::form).orElse(FormConfig.DEFAULT);
        AgentConfig agent = built(root, () -> new AgentConfig(
                siteId, descriptor, broker, heartbeat, probeInterval, dataDir, outbox, disk, probes));
        root.finish();
        return new SiteConfiguration(agent, form);
    }

    private OutboxLimits outbox(YamlSection outbox) {
        long capacity = outbox.parsed("capacity", "a whole number", Long::parseLong)
                .orElse(OutboxLimits.DEFAULT.messages());
        long maxBytes = outbox.size("maxBytes").orElse(OutboxLimits.DEFAULT.bytes());
        OutboxLimits limits = built(outbox, () -> new OutboxLimits(capacity, maxBytes));
        outbox.finish();
        return limits;
    }

    private DiskProbeConfig disk(YamlSection section) {
        long degraded = section.size("degradedBelow").orElse(DiskProbeConfig.DEFAULT.degradedBelowBytes());
        long down = section.size("downBelow").orElse(DiskProbeConfig.DEFAULT.downBelowBytes());
        DiskProbeConfig disk = built(section, () -> new DiskProbeConfig(degraded, down));
        section.finish();
        return disk;
    }

    private BrokerConfig broker(YamlSection mqtt) {
        BrokerConfig defaults = BrokerConfig.of("tcp://localhost:1883");
        List<String> uris = mqtt.strings("uris");
        if (uris.isEmpty()) {
            throw mqtt.missing("uris");
        }
        String password = secret(mqtt, "password", "passwordFile");
        String username = mqtt.string("username").orElse(null);
        Path ca = mqtt.path("caCertificate").orElse(null);
        if (ca != null && !Files.isReadable(ca)) {
            throw mqtt.error("caCertificate", "cannot read " + ca);
        }
        ClientIdentity identity = clientIdentity(mqtt);
        Duration keepAlive = mqtt.duration("keepAlive").orElse(defaults.keepAlive());
        Duration expiry = mqtt.duration("sessionExpiry").orElse(defaults.sessionExpiry());
        Duration timeout = mqtt.duration("connectTimeout").orElse(defaults.connectTimeout());
        Duration initial = mqtt.duration("reconnectInitial").orElse(defaults.reconnect().initial());
        Duration max = mqtt.duration("reconnectMax").orElse(defaults.reconnect().max());
        int inFlight = mqtt.integer("maxInFlight").orElse(defaults.maxInFlight());
        String secret = password;
        BrokerConfig broker = built(mqtt, () -> new BrokerConfig(
                uris, username, secret, ca, identity, keepAlive, expiry, timeout, new Backoff(initial, max), inFlight));
        mqtt.finish();
        return broker;
    }

    /** A secret given inline under {@code inline} or read from the file named under {@code fromFile}. */
    private static String secret(YamlSection mqtt, String inline, String fromFile) {
        String secret = mqtt.string(inline).orElse(null);
        var file = mqtt.path(fromFile);
        if (file.isPresent()) {
            if (secret != null) {
                throw mqtt.error(fromFile, "give " + inline + " or " + fromFile + ", not both");
            }
            try {
                secret = Files.readString(file.get()).strip();
            } catch (IOException e) {
                throw mqtt.error(fromFile, "cannot read " + file.get() + ": " + e.getMessage());
            }
        }
        return secret;
    }

    /**
     * The client certificate for mutual TLS: a PKCS#12 keystore, or a PEM certificate and key, not both. The
     * key material is read now, so that a wrong file stops the agent at start-up with the key's line.
     */
    private static ClientIdentity clientIdentity(YamlSection mqtt) {
        var certificate = mqtt.path("clientCertificate");
        var key = mqtt.path("clientKey");
        var keystore = mqtt.path("clientKeystore");
        String keystorePassword = secret(mqtt, "clientKeystorePassword", "clientKeystorePasswordFile");
        ClientIdentity identity;
        String where;
        if (keystore.isPresent()) {
            if (certificate.isPresent() || key.isPresent()) {
                throw mqtt.error("clientKeystore", "give clientKeystore or clientCertificate + clientKey, not both");
            }
            identity = new ClientIdentity.Pkcs12(keystore.get(), keystorePassword);
            where = "clientKeystore";
        } else if (certificate.isPresent() || key.isPresent()) {
            if (certificate.isEmpty()) {
                throw mqtt.missing("clientCertificate");
            }
            if (key.isEmpty()) {
                throw mqtt.missing("clientKey");
            }
            if (keystorePassword != null) {
                throw mqtt.error("clientKeystorePassword", "only a clientKeystore has a password");
            }
            identity = new ClientIdentity.Pem(certificate.get(), key.get());
            where = "clientCertificate";
        } else {
            if (keystorePassword != null) {
                throw mqtt.error("clientKeystorePassword", "only a clientKeystore has a password");
            }
            return null;
        }
        try {
            identity.keyManagers();
        } catch (IllegalArgumentException e) {
            throw mqtt.error(where, e.getMessage());
        }
        return identity;
    }

    private List<ProbeConfig> probes(YamlSection section) {
        List<ProbeConfig> probes = new ArrayList<>();
        var usb = section.section("usb");
        if (usb.isPresent()) {
            Path sysfs = usb.get().path("sysfs").orElse(UsbProbeConfig.SYSFS);
            for (YamlSection device : usb.get().sections("devices")) {
                String id = device.requiredString("id").toLowerCase(Locale.ROOT);
                DeviceKind kind = device.enumeration("kind", DeviceKind.class).orElseThrow(() -> device.missing("kind"));
                String name = device.string("name").orElse(null);
                probes.add(built(device, () -> new UsbProbeConfig(sysfs, id, kind, name)));
                device.finish();
            }
            usb.get().finish();
        }
        var video = section.section("video");
        if (video.isPresent()) {
            YamlSection v = video.get();
            Path dev = v.path("dev").orElse(null);
            int expected = v.integer("expected").orElse(1);
            probes.add(built(v, () -> new VideoProbeConfig(dev, expected)));
            v.finish();
        }
        var link = section.section("link");
        if (link.isPresent()) {
            YamlSection l = link.get();
            var url = l.uri("url").orElseThrow(() -> l.missing("url"));
            Duration timeout = l.duration("timeout").orElse(null);
            Duration degraded = l.duration("degradedAbove").orElse(null);
            probes.add(built(l, () -> new LinkProbeConfig(url, timeout, degraded)));
            l.finish();
        }
        for (YamlSection http : section.sections("http")) {
            String id = http.requiredString("id");
            var url = http.uri("url").orElseThrow(() -> http.missing("url"));
            Duration timeout = http.duration("timeout").orElse(null);
            DeviceKind kind = http.enumeration("kind", DeviceKind.class).orElse(null);
            probes.add(built(http, () -> new HttpHealthProbeConfig(id, url, timeout, kind)));
            http.finish();
        }
        for (YamlSection command : section.sections("commands")) {
            String id = command.requiredString("id");
            List<String> argv = command.strings("command");
            Duration timeout = command.duration("timeout").orElse(null);
            DeviceKind kind = command.enumeration("kind", DeviceKind.class).orElse(null);
            probes.add(built(command, () -> new CommandProbeConfig(id, argv, timeout, kind)));
            command.finish();
        }
        section.finish();
        return probes;
    }

    private FormConfig form(YamlSection section) {
        boolean enabled = section.bool("enabled").orElse(true);
        int port = section.integer("port").orElse(FormConfig.DEFAULT_PORT);
        FormConfig form = built(section, () -> new FormConfig(enabled, port));
        section.finish();
        return form;
    }

    /** Runs a record's own checks and reports their complaint at the section's line. */
    private <T> T built(YamlSection section, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, section.line(), section.key("").replaceAll("\\.$", ""), e.getMessage());
        }
    }

    private MappingNode rootMapping() {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file, line, null, "not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the file: " + e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(file, 1, null, "the file must be a YAML mapping (key: value lines)");
        }
        return mapping;
    }
}
