// Shared by the portal's pages: French labels of the codes the APIs return, formatting, small helpers.
'use strict';

const STATE_LABELS = { ONLINE: 'En ligne', DEGRADED: 'Dégradé', OFFLINE: 'Hors ligne', UNKNOWN: 'Inconnu' };
const KIND_LABELS = {
  CABIN: 'Cabine de téléconsultation', HEALTH_CENTRE: 'MSP 2.0', PHARMACY: 'Pharmacie',
  PUBLIC_SERVICE_POINT: 'France services', UNKNOWN: 'Type non renseigné'
};
const KIND_LETTERS = { CABIN: 'C', HEALTH_CENTRE: 'M', PHARMACY: 'P', PUBLIC_SERVICE_POINT: 'F', UNKNOWN: '?' };
const HEALTH_LABELS = { OK: 'Fonctionne', DEGRADED: 'Dégradé', DOWN: 'En panne' };
const DEPARTEMENT_NAMES = { '52': 'Haute-Marne', '54': 'Meurthe-et-Moselle', '55': 'Meuse' };

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
function formatNumber(value) {
  return value === null || value === undefined ? '–' : numberFormat.format(value);
}
function formatFigure(figure) {
  if (!figure) return '–';
  return figure.suppressed ? 's' : formatNumber(figure.value);
}
function formatDateTime(iso) {
  return iso ? new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) : '–';
}
function departementName(code) {
  return DEPARTEMENT_NAMES[code] ? `${DEPARTEMENT_NAMES[code]} (${code})` : code;
}

async function getJson(url, accept = 'application/json') {
  const response = await fetch(url, { headers: { Accept: accept } });
  if (response.status === 401) {
    // the session ended (token expired): log in again, then come back here
    window.location.href = '/login';
  }
  if (!response.ok) {
    const error = new Error(`${url} : ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child)));
  return node;
}

function stateBadge(state) {
  return el('span', { class: `badge state-${state}`, 'data-state': state, text: STATE_LABELS[state] || state });
}

/** A table from rows of values; numeric columns are right-aligned. */
function dataTable(caption, headers, rows, numeric = []) {
  return el('table', { class: 'data' },
    el('caption', { class: 'visually-hidden', text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null, text: h })))),
    el('tbody', {}, rows.map(row => el('tr', {}, row.map((cell, i) =>
      el('td', { class: numeric.includes(i) ? 'num' : null }, cell instanceof Node ? cell : String(cell)))))));
}

function queryParam(name) {
  return new URLSearchParams(window.location.search).get(name);
}

const DEVICE_LABELS = {
  STETHOSCOPE: 'Stéthoscope', OTOSCOPE: 'Otoscope', DERMATOSCOPE: 'Dermatoscope', ECG: 'ECG',
  BLOOD_PRESSURE_MONITOR: 'Tensiomètre', PULSE_OXIMETER: 'Oxymètre', THERMOMETER: 'Thermomètre', CAMERA: 'Caméra',
  NETWORK_LINK: 'Liaison réseau', DISK: 'Disque', AGENT: 'Agent Maillage', CABIN_SOFTWARE: 'Logiciel de la cabine', OTHER: 'Autre'
};
const RULE_LABELS = {
  SITE_OFFLINE: 'Site hors ligne', NO_HEARTBEAT: 'Plus de signal du site', PERIPHERAL_DOWN: 'Périphérique en panne',
  LINK_LATENCY: 'Liaison réseau lente', OUTBOX_BACKLOG: 'Séances en attente d\'envoi', DORMANT_SITE: 'Aucune séance depuis longtemps'
};
