package fr.maillage.ogc;

import java.util.List;

/**
 * A page of features and how many the request matched in all.
 *
 * @param features the page
 * @param matched features matching bbox over all pages
 */
public record FeaturePage(List<Feature> features, long matched) {}
