/**
 * The e-Meuse study's questionnaires: the answers a session carries (the patient's recourse reason and
 * satisfaction, the assisting professional's "does it strengthen my role") become FHIR QuestionnaireResponses of the
 * package's survey profiles, linked to the session's Encounter, stored in the Encounter's transaction.
 */
package fr.maillage.encounter.survey;
