package fr.maillage.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.agent.Sites;
import fr.maillage.contract.Channel;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.StatusMessage;
import fr.maillage.contract.WireCodec;
import fr.maillage.contract.WireMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final String SITE = "test-site";

    @TempDir
    Path data;

    @Test
    @DisplayName("messages survive closing and reopening, in order, with seq continuing")
    void durableAndOrdered() {
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(100), CODEC)) {
            outbox.append(this::session);
            outbox.append(this::status);
        }
        try (Outbox reopened = Outbox.open(data, OutboxLimits.messages(100), CODEC)) {
            List<OutboxEntry> entries = reopened.after(0, 10);
            assertThat(entries).extracting(OutboxEntry::channel).containsExactly(Channel.SESSION, Channel.STATUS);
            assertThat(reopened.append(this::session).seq()).isEqualTo(3);
            assertThat(reopened.size()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("connSeq is persisted and increases at every call, across reopenings")
    void connSeqPersisted() {
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(100), CODEC)) {
            assertThat(outbox.nextConnSeq()).isEqualTo(1);
            assertThat(outbox.nextConnSeq()).isEqualTo(2);
        }
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(100), CODEC)) {
            assertThat(outbox.currentConnSeq()).isEqualTo(2);
            assertThat(outbox.nextConnSeq()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("at capacity the oldest status snapshots are compacted and the newest kept")
    void statusCompacted() {
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(5), CODEC)) {
            for (int i = 0; i < 20; i++) {
                outbox.append(this::status);
            }
            assertThat(outbox.size()).isEqualTo(5);
            assertThat(outbox.overCapacity()).isFalse();
            List<OutboxEntry> kept = outbox.after(0, 100);
            assertThat(kept).extracting(OutboxEntry::id).containsExactly(16L, 17L, 18L, 19L, 20L);
        }
    }

    @Test
    @DisplayName("session events are never dropped: past capacity they are kept and the outbox says so")
    void sessionsNeverDropped() {
        try (Outbox outbox = Outbox.open(data, OutboxLimits.messages(4), CODEC)) {
            outbox.append(this::status);
            for (int i = 0; i < 10; i++) {
                outbox.append(this::session);
            }
            List<OutboxEntry> kept = outbox.after(0, 100);
            assertThat(kept).hasSize(10).allMatch(e -> e.channel() == Channel.SESSION);
            assertThat(outbox.overCapacity()).isTrue();

            outbox.remove(kept.subList(0, 8).stream().map(OutboxEntry::id).toList());
            assertThat(outbox.size()).isEqualTo(2);
            assertThat(outbox.overCapacity()).isFalse();
        }
    }

    @Test
    @DisplayName("at maxBytes the oldest status snapshots are compacted until the new one fits")
    void statusCompactedByBytes() {
        OutboxLimits limits = new OutboxLimits(100_000, 64 * 1024);
        try (Outbox outbox = Outbox.open(data, limits, CODEC)) {
            int appended = 1000;
            for (int i = 0; i < appended; i++) {
                outbox.append(this::status);
            }
            assertThat(outbox.bytes()).isLessThanOrEqualTo(limits.bytes()).isGreaterThan(limits.bytes() * 9 / 10);
            assertThat(outbox.overCapacity()).isFalse();
            List<OutboxEntry> kept = outbox.after(0, appended);
            assertThat(kept.stream().mapToLong(e -> e.payload().length).sum()).isEqualTo(outbox.bytes());
            assertThat(kept.getLast().id()).as("the newest snapshot is kept").isEqualTo(appended);
            assertThat(kept).extracting(OutboxEntry::id).as("the oldest went first, the rest kept in order")
                    .isSorted()
                    .hasSize((int) (appended - kept.getFirst().id() + 1));
        }
    }

    @Test
    @DisplayName("past maxBytes session events are kept, status compacted, and the outbox says it is over capacity")
    void sessionsNeverDroppedByBytes() {
        OutboxLimits limits = new OutboxLimits(100_000, 64 * 1024);
        try (Outbox outbox = Outbox.open(data, limits, CODEC)) {
            outbox.append(this::status);
            int sessions = 0;
            while (outbox.bytes() <= limits.bytes()) {
                outbox.append(this::session);
                sessions++;
            }
            List<OutboxEntry> kept = outbox.after(0, 100_000);
            assertThat(kept).hasSize(sessions).allMatch(e -> e.channel() == Channel.SESSION);
            assertThat(outbox.overCapacity()).isTrue();

            outbox.remove(kept.subList(0, sessions / 2).stream().map(OutboxEntry::id).toList());
            assertThat(outbox.overCapacity()).isFalse();
        }
        try (Outbox reopened = Outbox.open(data, limits, CODEC)) {
            assertThat(reopened.bytes()).as("counted again from disk").isGreaterThan(0).isLessThan(limits.bytes());
        }
    }

    @Test
    @DisplayName("a second process's connection sees the rows and they count after a refresh")
    void secondWriter() {
        try (Outbox agent = Outbox.open(data, OutboxLimits.messages(100), CODEC);
                Outbox cli = Outbox.open(data, OutboxLimits.messages(100), CODEC)) {
            agent.append(this::session);
            cli.append(this::session);
            assertThat(agent.after(0, 10)).hasSize(2);
            assertThat(agent.refreshSize()).isEqualTo(2);
        }
    }

    private SessionEvent session(long seq) {
        return new SessionEvent(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), SITE, Instant.now(), 1, seq,
                UUID.randomUUID(), SessionEvent.Type.COMPLETED, Sites.completed());
    }

    private StatusMessage status(long seq) {
        return new StatusMessage(WireMessage.SCHEMA_VERSION, UUID.randomUUID(), SITE, Instant.now(), 1, seq, 60, List.of());
    }
}
