package fr.maillage.agent.session;

import fr.maillage.agent.outbox.Outbox;
import fr.maillage.agent.outbox.OutboxException;
import fr.maillage.contract.SessionDetails.ProfessionalRole;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sessions open at this site, kept beside the outbox (same SQLite file) so that ending a session, from
 * the form or the CLI, knows when it started and who assisted, even after a restart.
 */
public final class SessionRegister implements AutoCloseable {

    private final Connection db;

    private SessionRegister(Connection db) {
        this.db = db;
    }

    public static SessionRegister open(Path dataDir) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Outbox.FILE_NAME));
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS open_session (
                          session_id TEXT PRIMARY KEY,
                          started_at TEXT NOT NULL,
                          professional TEXT NOT NULL)""");
            }
            return new SessionRegister(db);
        } catch (SQLException e) {
            throw new OutboxException("cannot open the session register in " + dataDir, e);
        }
    }

    public synchronized void opened(OpenSession session) {
        try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO open_session VALUES (?, ?, ?)")) {
            st.setString(1, session.sessionId().toString());
            st.setString(2, session.startedAt().toString());
            st.setString(3, session.professional().name());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("cannot register session " + session.sessionId(), e);
        }
    }

    public synchronized void closed(UUID sessionId) {
        try (PreparedStatement st = db.prepareStatement("DELETE FROM open_session WHERE session_id = ?")) {
            st.setString(1, sessionId.toString());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("cannot close session " + sessionId, e);
        }
    }

    public synchronized Optional<OpenSession> find(UUID sessionId) {
        return list("WHERE session_id = ?", sessionId.toString()).stream().findFirst();
    }

    /** Open sessions, oldest first. */
    public synchronized List<OpenSession> open() {
        return list("", null);
    }

    private List<OpenSession> list(String where, String parameter) {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT session_id, started_at, professional FROM open_session " + where + " ORDER BY started_at")) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            List<OpenSession> sessions = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new OpenSession(UUID.fromString(rs.getString(1)), Instant.parse(rs.getString(2)),
                            ProfessionalRole.valueOf(rs.getString(3))));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw new OutboxException("cannot read the session register", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new OutboxException("cannot close the session register", e);
        }
    }
}
