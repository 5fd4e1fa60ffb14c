package fr.maillage.ogc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON documents of OGC API – Features Part 1 other than features (OGC 17-069r4, sections 7.2–7.14). */
final class OgcDocuments {

    private OgcDocuments() {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Link(String href, String rel, String type, @Nullable String title) {}

    @Serdeable
    record LandingPage(String title, String description, List<Link> links) {}

    @Serdeable
    record Conformance(List<String> conformsTo) {}

    @Serdeable
    record Spatial(List<List<Double>> bbox, String crs) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Extent(@Nullable Spatial spatial) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Collection(String id, String title, String description, @Nullable Extent extent, String itemType,
            List<String> crs, List<Link> links) {}

    @Serdeable
    record Collections(List<Link> links, List<Collection> collections) {}
}
