package fr.maillage.ogc;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * One feature of a layer.
 *
 * @param id its identifier in the collection (site id, INSEE code, SIREN)
 * @param geometry its GeoJSON geometry as text (WGS84), null when unknown
 * @param properties its published properties, in column order
 */
public record Feature(String id, @Nullable String geometry, Map<String, Object> properties) {}
