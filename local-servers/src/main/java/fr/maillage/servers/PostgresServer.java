package fr.maillage.servers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL server reached through one administrative database, from which fresh databases are made so
 * that each test class (or the demo) has its own schema.
 *
 * @param adminUrl JDBC URL of an existing database on the server
 * @param user user allowed to create databases
 * @param password its password
 * @param origin where the server came from
 */
public record PostgresServer(String adminUrl, String user, String password, Origin origin) {

    /** The JDBC URL of another database on the same server (same host, port and parameters). */
    public String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String parameters = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    /** Creates an empty database whose name starts with {@code prefix}, and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        return urlOf(name);
    }

    /** Creates the database if it does not exist yet (the demo keeps its data between runs). */
    public String ensureDatabase(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, name);
            if (!check.executeQuery().next()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + adminUrl, e);
        }
        return urlOf(name);
    }

    /** Drops a database made by {@link #createDatabase}, closing what still uses it. */
    public void dropDatabase(String jdbcUrl) {
        String path = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        String name = path.substring(path.lastIndexOf('/') + 1);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run [" + sql + "] on " + adminUrl, e);
        }
    }
}
