package fr.maillage;

import io.micronaut.runtime.Micronaut;

/** Starts the Maillage backend. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
