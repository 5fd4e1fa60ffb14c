package fr.maillage.agent.config;

import java.nio.file.Path;

/** The configuration file is wrong; the message names the file, the line and the key, and says what to fix. */
public final class ConfigException extends RuntimeException {

    public ConfigException(Path file, int line, String key, String problem) {
        super(file + " line " + line + (key == null || key.isEmpty() ? "" : ", " + key) + ": " + problem);
    }
}
