/**
 * The telemedicine tab of PASST: the web page (map, site, territory and session-entry views, served from the
 * jar with its libraries so it works offline), the site-state event stream, the few read endpoints the other
 * features do not offer, session entry, exports and PDF reports.
 */
package fr.maillage.portal;
