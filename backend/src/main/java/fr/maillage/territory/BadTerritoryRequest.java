package fr.maillage.territory;

/** A request to the territory API that cannot be answered as asked; the message tells the caller what to fix. */
public class BadTerritoryRequest extends RuntimeException {

    public BadTerritoryRequest(String message) {
        super(message);
    }
}
