package fr.maillage.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxLimits;
import fr.maillage.contract.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("session start then end from the CLI write two events to the site's outbox")
    void sessionStartAndEnd() throws IOException {
        Path config = config();
        assertThat(run("session", "start", "--config", config.toString(), "--professional", "pharmacist")).isZero();
        String session = out.toString().trim().split(" ")[1];

        assertThat(run("session", "end", "--config", config.toString(), "--session", session,
                "--reason", "no_appointment_in_time", "--outcome", "PRESCRIPTION", "--commune", "Bar-le-Duc",
                "--age-band", "AGE_75_89", "--regular-doctor", "oui", "--devices", "CAMERA,OTOSCOPE",
                "--satisfaction", "8")).isZero();

        try (Outbox outbox = Outbox.open(dir.resolve("data"), OutboxLimits.messages(100), new WireCodec())) {
            assertThat(outbox.size()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("an incomplete end is refused with exit code 2 and the options to fix")
    void refusedInput() throws IOException {
        Path config = config();
        int code = run("session", "end", "--config", config.toString(), "--session",
                "0b8f7c2e-6d1a-4f3e-9a41-2f5d8c7b6a10", "--started-at", "2026-01-05T09:00:00Z", "--professional",
                "NURSE", "--satisfaction", "12");
        assertThat(code).isEqualTo(AgentCommand.REFUSED);
        assertThat(err.toString()).contains("--reason").contains("--outcome").contains("--satisfaction");
    }

    @Test
    @DisplayName("check names the line and key of a wrong configuration and exits with 2")
    void checkRefusesBadFile() throws IOException {
        Path config = config();
        Files.writeString(config, Files.readString(config).replace("heartbeat: 60s", "heartbeat: soon"));
        assertThat(run("check", "--config", config.toString())).isEqualTo(AgentCommand.REFUSED);
        assertThat(err.toString()).contains("line 9").contains("heartbeat");

        Files.writeString(config, Files.readString(config).replace("heartbeat: soon", "heartbeat: 60s"));
        assertThat(run("check", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("configuration valide");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine line = AgentCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("agent.yml"), """
                site:
                  id: 55029-pharmacy-1
                  name: Pharmacie de Bar-le-Duc
                  kind: PHARMACY
                  inseeCode: "55029"
                mqtt:
                  uris: tcp://127.0.0.1:1883
                dataDir: %s
                heartbeat: 60s
                """.formatted(dir.resolve("data")));
    }
}
