package fr.maillage.agent.outbox;

import fr.maillage.contract.Channel;
import fr.maillage.contract.SiteMessage;
import fr.maillage.contract.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable queue: every message is committed to an SQLite database (WAL, {@code synchronous=FULL})
 * before anyone is told it exists, and leaves it only once the broker has acknowledged it.
 *
 * <p>The same database keeps the persisted counters ({@code seq}, {@code connSeq}), so that a message and the
 * sequence number it carries are committed together. SQLite lets a second process (the {@code session} CLI)
 * append to the outbox of a running agent; the agent polls for such rows.
 *
 * <p>When a message would take the outbox past its {@link OutboxLimits} (a number of messages, a number of
 * payload bytes), the oldest status snapshots are compacted away (a newer snapshot supersedes them); session
 * events are never dropped: the outbox then grows past its limits, logs {@code OUTBOX FULL} at ERROR and
 * {@link #overCapacity()} says so (the agent probe turns DEGRADED).
 */
public final class Outbox implements AutoCloseable {

    /** The file name inside the agent's data directory. */
    public static final String FILE_NAME = "outbox.db";

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String SEQ = "seq";
    private static final String CONN_SEQ = "connSeq";

    /** Rows examined per round when compacting. */
    private static final int COMPACTION_BATCH = 256;

    private final Connection db;
    private final WireCodec codec;
    private final OutboxLimits limits;
    private volatile long size;
    private volatile long bytes;
    private volatile boolean overCapacity;

    private Outbox(Connection db, WireCodec codec, OutboxLimits limits) throws SQLException {
        this.db = db;
        this.codec = codec;
        this.limits = limits;
        recount();
    }

    /** Opens (creating if needed) the outbox of the agent whose data directory is {@code dataDir}. */
    public static Outbox open(Path dataDir, OutboxLimits limits, WireCodec codec) {
        try {
            Files.createDirectories(dataDir);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS outbox (
                          id INTEGER PRIMARY KEY AUTOINCREMENT,
                          channel TEXT NOT NULL,
                          payload BLOB NOT NULL)""");
                st.execute("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
                st.execute("INSERT OR IGNORE INTO counter(name, value) VALUES ('" + SEQ + "', 0), ('" + CONN_SEQ
                        + "', 0)");
            }
            return new Outbox(db, codec, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        } catch (SQLException e) {
            throw new OutboxException("cannot open the outbox in " + dataDir, e);
        }
    }

    /**
     * Takes the next {@code seq}, builds the message with it and commits both; returns once the message is
     * on disk.
     */
    public synchronized <M extends SiteMessage> M append(LongFunction<M> build) {
        try {
            db.setAutoCommit(false);
            try {
                long seq = increment(SEQ);
                M message = build.apply(seq);
                byte[] payload = codec.encode(message);
                if (!fits(payload.length)) {
                    compact(message.channel(), payload.length);
                }
                try (PreparedStatement st = db.prepareStatement("INSERT INTO outbox(channel, payload) VALUES (?, ?)")) {
                    st.setString(1, message.channel().name());
                    st.setBytes(2, payload);
                    st.executeUpdate();
                }
                db.commit();
                size++;
                bytes += payload.length;
                overCapacity = over();
                return message;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                recount();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new OutboxException("cannot append to the outbox", e);
        }
    }

    /** Takes the next {@code seq} for a message that does not go through the outbox (birth, Will). */
    public synchronized long nextSeq() {
        return incrementAlone(SEQ);
    }

    /** Takes the next connection sequence number; called once per connection attempt. */
    public synchronized long nextConnSeq() {
        return incrementAlone(CONN_SEQ);
    }

    /** The connection sequence number of the latest connection attempt. */
    public synchronized long currentConnSeq() {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT value FROM counter WHERE name = '" + CONN_SEQ + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new OutboxException("cannot read the connection sequence", e);
        }
    }

    /** Up to {@code limit} entries with an id above {@code afterId}, oldest first. */
    public synchronized List<OutboxEntry> after(long afterId, int limit) {
        try (PreparedStatement st =
                db.prepareStatement("SELECT id, channel, payload FROM outbox WHERE id > ? ORDER BY id LIMIT ?")) {
            st.setLong(1, afterId);
            st.setInt(2, limit);
            List<OutboxEntry> entries = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.add(new OutboxEntry(rs.getLong(1), Channel.valueOf(rs.getString(2)), rs.getBytes(3)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new OutboxException("cannot read the outbox", e);
        }
    }

    /**
     * Forgets acknowledged entries in one transaction. Losing this write in a crash only means the entries are
     * published again, which the backend's deduplication by event id absorbs.
     */
    public synchronized void remove(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            db.setAutoCommit(false);
            try (PreparedStatement st = db.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                for (long id : ids) {
                    st.setLong(1, id);
                    st.addBatch();
                }
                st.executeBatch();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
            refreshSize();
        } catch (SQLException e) {
            throw new OutboxException("cannot remove acknowledged entries from the outbox", e);
        }
    }

    /** Messages waiting, as last counted by this process (rows appended by another process show up on refresh). */
    public long size() {
        return size;
    }

    /** Counts the rows again, including those another process appended. */
    public synchronized long refreshSize() {
        try {
            recount();
            return size;
        } catch (SQLException e) {
            throw new OutboxException("cannot count the outbox", e);
        }
    }

    /** Payload bytes waiting, as last counted by this process. */
    public long bytes() {
        return bytes;
    }

    /** Whether session events had to be kept beyond one of the limits. */
    public boolean overCapacity() {
        return overCapacity;
    }

    public OutboxLimits limits() {
        return limits;
    }

    private boolean fits(long incoming) {
        return size + 1 <= limits.messages() && bytes + incoming <= limits.bytes();
    }

    private boolean over() {
        return size > limits.messages() || bytes > limits.bytes();
    }

    /**
     * Deletes the oldest status snapshots until a message of {@code incoming} bytes fits, or none is left. Runs
     * inside the appending transaction, so a crash leaves either the old rows or the new one with its room made.
     */
    private void compact(Channel channel, long incoming) throws SQLException {
        long removed = 0;
        long freed = 0;
        boolean more = true;
        while (!fits(incoming) && more) {
            List<long[]> oldest = new ArrayList<>();
            try (PreparedStatement st = db.prepareStatement(
                    "SELECT id, length(payload) FROM outbox WHERE channel = ? ORDER BY id LIMIT ?")) {
                st.setString(1, Channel.STATUS.name());
                st.setInt(2, COMPACTION_BATCH);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        oldest.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            more = oldest.size() == COMPACTION_BATCH;
            try (PreparedStatement st = db.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                for (long[] row : oldest) {
                    if (fits(incoming)) {
                        break;
                    }
                    st.setLong(1, row[0]);
                    st.addBatch();
                    size--;
                    bytes -= row[1];
                    removed++;
                    freed += row[1];
                }
                st.executeBatch();
            }
        }
        if (removed > 0) {
            log.warn("outbox full, dropped the oldest status snapshots [removed: {}, bytes freed: {}, limits: {}]",
                    removed, freed, limits);
        }
        if (!fits(incoming)) {
            log.error(
                    "OUTBOX FULL: keeping a {} message beyond the limits, nothing can be compacted "
                            + "[messages: {}, bytes: {}, limits: {}]; session events are never dropped, the broker "
                            + "has been unreachable for too long",
                    channel,
                    size + 1,
                    bytes + incoming,
                    limits);
        }
    }

    private long increment(String counter) throws SQLException {
        try (PreparedStatement st =
                db.prepareStatement("UPDATE counter SET value = value + 1 WHERE name = ? RETURNING value")) {
            st.setString(1, counter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long incrementAlone(String counter) {
        try {
            return increment(counter);
        } catch (SQLException e) {
            throw new OutboxException("cannot advance the counter " + counter, e);
        }
    }

    private void recount() throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(length(payload)), 0) FROM outbox")) {
            rs.next();
            size = rs.getLong(1);
            bytes = rs.getLong(2);
            overCapacity = over();
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new OutboxException("cannot close the outbox", e);
        }
    }
}
