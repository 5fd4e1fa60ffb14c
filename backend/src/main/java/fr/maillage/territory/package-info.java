/**
 * Territory and care supply: communes, EPCI, former commune codes, APL and health professionals loaded from
 * the open-data formats ({@code importer}), and telemedicine indicators, coverage and priority sectors computed
 * on them ({@code indicator}). See README.md beside this file.
 */
package fr.maillage.territory;
