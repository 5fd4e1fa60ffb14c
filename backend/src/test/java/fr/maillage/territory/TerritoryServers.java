package fr.maillage.territory;

import fr.maillage.support.RealServers;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RealServers} for territory tests: a database of the test class's own, migrated by Flyway and filled by
 * the start-up import of the shipped reference data; no MQTT ingest, which these tests do not need.
 */
public abstract class TerritoryServers extends RealServers {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        // an import of the whole APL workbook answers in seconds, more while other builds share the cores
        properties.put("micronaut.http.client.read-timeout", "120s");
        return properties;
    }
}
