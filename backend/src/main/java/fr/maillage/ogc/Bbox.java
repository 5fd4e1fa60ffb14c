package fr.maillage.ogc;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * The {@code bbox} of an items request, in WGS84 longitude/latitude (CRS84). A box whose west edge is east of its
 * east edge crosses the antimeridian and is two envelopes.
 */
public record Bbox(double west, double south, double east, double north) {

    /** Parses {@code west,south,east,north} or, with heights, {@code west,south,min,east,north,max}. */
    public static Bbox parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw OgcException.badParameter(
                    "bbox must be 4 numbers (west,south,east,north in degrees) or 6 with heights, got '" + text + "'");
        }
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw OgcException.badParameter("bbox value '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(values[i])) {
                throw OgcException.badParameter("bbox value '" + parts[i] + "' is not a finite number");
            }
        }
        int half = parts.length / 2;
        Bbox box = new Bbox(values[0], values[1], values[half], values[half + 1]);
        if (box.south > box.north) {
            throw OgcException.badParameter("bbox south (" + box.south + ") is north of its north (" + box.north + ")");
        }
        if (Math.abs(box.west) > 180 || Math.abs(box.east) > 180 || Math.abs(box.south) > 90
                || Math.abs(box.north) > 90) {
            throw OgcException.badParameter("bbox is outside [-180, 180] × [-90, 90]: " + text);
        }
        return box;
    }

    public List<Envelope> envelopes() {
        if (west <= east) {
            return List.of(new Envelope(west, east, south, north));
        }
        return List.of(new Envelope(west, 180, south, north), new Envelope(-180, east, south, north));
    }

    public boolean intersects(Envelope envelope) {
        return envelope != null && envelopes().stream().anyMatch(e -> e.intersects(envelope));
    }

    @Override
    public String toString() {
        return west + "," + south + "," + east + "," + north;
    }
}
