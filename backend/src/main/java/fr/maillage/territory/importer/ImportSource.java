package fr.maillage.territory.importer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an import reads from: a file on the server or a resource of the classpath (the shipped data).
 *
 * @param name the file name or resource path, shown in reports; its extension selects the APL reader
 * @param opener opens the content
 */
public record ImportSource(String name, Opener opener) {

    /** Opens the content; each call starts from the beginning. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static ImportSource file(Path path) {
        return new ImportSource(path.toString(), () -> Files.newInputStream(path));
    }

    public static ImportSource classpath(String resource) {
        return new ImportSource("classpath:" + resource, () -> {
            InputStream in = ImportSource.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("no resource " + resource + " on the classpath");
            }
            return in;
        });
    }

    boolean isWorkbook() {
        return name.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }
}
