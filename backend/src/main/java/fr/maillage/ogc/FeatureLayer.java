package fr.maillage.ogc;

import fr.maillage.territory.indicator.Period;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/** A collection of the OGC API: sites, communes or EPCI. */
public interface FeatureLayer {

    /** The collection id in the path. */
    String id();

    String title();

    String description();

    /** The envelope of all its geometries (CRS84), empty when it has none yet. */
    Optional<Envelope> extent();

    /** Days covered when the request has no {@code datetime}. */
    int defaultDays();

    /** The features matching the query's bbox, one page of them with figures over {@code period}. */
    FeaturePage items(ItemQuery query, Period period);

    /** One feature with figures over {@code period}; empty when no feature has that id. */
    Optional<Feature> item(String id, Period period);
}
