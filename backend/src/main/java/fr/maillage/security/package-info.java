/**
 * Security: every route is authenticated (but health and the login page) and allowed to named roles only;
 * local accounts with bcrypt hashes for the embedded demo, bearer JWTs from the identity provider in production;
 * an append-only audit trail of every read of health data and every change.
 */
package fr.maillage.security;
