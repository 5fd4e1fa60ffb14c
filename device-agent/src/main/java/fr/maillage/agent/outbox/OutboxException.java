package fr.maillage.agent.outbox;

import java.sql.SQLException;

/** The outbox's database failed: the disk is full, the file is damaged or locked by a stuck process. */
public final class OutboxException extends RuntimeException {

    public OutboxException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
