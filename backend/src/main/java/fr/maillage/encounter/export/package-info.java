/**
 * FHIR Bulk Data export ({@code $export}, system level and per département group) with the asynchronous
 * request pattern: kick-off answers 202 with a status URL, the job writes one NDJSON file per resource type, and
 * the status URL answers with the manifest once they are ready.
 */
package fr.maillage.encounter.export;
