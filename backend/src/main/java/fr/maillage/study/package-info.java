/**
 * The evaluation kit: the e-Meuse study's headline figures computed from raw sessions, with their confidence
 * intervals and the secret statistique.
 */
package fr.maillage.study;
