/**
 * OGC API – Features (Part 1 Core, GeoJSON) under {@code /ogc}: the layers a cartographic portal (PASST) or a GIS
 * (QGIS, GDAL) plugs in without custom code. The figures come from the territory, fleet and encounter features,
 * with the secret statistique already applied.
 */
package fr.maillage.ogc;
