// The map page: commune polygons (no tile server), choropleth layers, site markers kept live by server-sent events.
'use strict';

const LAYERS = {
  rate: {
    label: 'Téléconsultations pour 1 000 habitants (commune de résidence)',
    value: p => p.suppressed ? 'secret' : p.per1000Inhabitants,
    classes: [[0, 0.001, '#f7fbff', '0'], [0.001, 2, '#c6dbef', 'moins de 2'], [2, 5, '#6baed6', '2 à 5'],
      [5, 10, '#2171b5', '5 à 10'], [10, Infinity, '#08306b', '10 et plus']]
  },
  apl: {
    label: 'APL aux médecins généralistes',
    value: p => p.apl,
    classes: [[0, 2.5, '#b2182b', 'moins de 2,5 (sous-dotée)'], [2.5, 3, '#ef8a62', '2,5 à 3'], [3, 4, '#fddbc7', '3 à 4'],
      [4, 5, '#d1e5f0', '4 à 5'], [5, Infinity, '#4393c3', '5 et plus']]
  },
  gps: {
    label: 'Médecins généralistes libéraux pour 10 000 habitants',
    value: p => p.gpsPer10000,
    classes: [[0, 0.001, '#fff5eb', 'aucun'], [0.001, 5, '#fdd0a2', 'moins de 5'], [5, 8, '#fd8d3c', '5 à 8'],
      [8, 11, '#d94801', '8 à 11'], [11, Infinity, '#7f2704', '11 et plus']]
  },
  age65: {
    label: 'Part des habitants de 65 ans et plus',
    value: p => (p.share65Plus === null || p.share65Plus === undefined ? null : p.share65Plus * 100),
    classes: [[0, 20, '#f2f0f7', 'moins de 20 %'], [20, 25, '#cbc9e2', '20 à 25 %'], [25, 30, '#9e9ac8', '25 à 30 %'],
      [30, 35, '#756bb1', '30 à 35 %'], [35, Infinity, '#54278f', '35 % et plus']]
  },
  none: { label: 'Aucune (contours seulement)', value: () => undefined, classes: [] }
};
const NO_DATA = '#e0e0e0';
const SECRET = '#9e9e9e';

const map = L.map('map', { preferCanvas: true, zoomSnap: 0.25, attributionControl: false });
map.setView([48.6, 5.4], 8);
const communeLayer = L.geoJSON(null, { style: styleOf, onEachFeature: describeCommune }).addTo(map);
const markers = new Map();
const sites = new Map();
let layer = 'rate';
let gpsImported = false;
let ageYear = null; // census year of the age figures, null before INSEE's file is imported
let communeIndex = new Map(); // INSEE code -> {departement, epciSiren}
let fitted = false; // the first load frames the three départements; later ones keep the user's view

function colourOf(properties) {
  const value = LAYERS[layer].value(properties);
  if (value === 'secret') return SECRET;
  if (value === null || value === undefined) return layer === 'none' ? '#ffffff' : NO_DATA;
  const found = LAYERS[layer].classes.find(([low, high]) => value >= low && value < high);
  return found ? found[2] : NO_DATA;
}

function inFilter(code) {
  const info = communeIndex.get(code);
  if (!info) return true;
  const d = document.getElementById('departement').value;
  const e = document.getElementById('epci').value;
  const c = document.getElementById('commune').value;
  return (!d || info.departement === d) && (!e || info.epciSiren === e) && (!c || code === c);
}

function styleOf(feature) {
  const selected = inFilter(feature.properties.code);
  return { color: '#555', weight: 0.4, fillColor: colourOf(feature.properties), fillOpacity: selected ? 0.85 : 0.2, opacity: selected ? 1 : 0.3 };
}

function describeCommune(feature, leafletLayer) {
  const p = feature.properties;
  leafletLayer.bindTooltip(() => `<strong>${p.name}</strong> (${p.code})<br>` +
    `Population : ${formatNumber(p.population)}<br>` +
    `Téléconsultations : ${p.suppressed ? 's (secret statistique)' : formatNumber(p.teleconsultations)}<br>` +
    `Pour 1 000 hab. : ${p.suppressed ? 's' : formatNumber(p.per1000Inhabitants)}<br>` +
    `APL : ${formatNumber(p.apl)}<br>Généralistes / 10 000 hab. : ${formatNumber(p.gpsPer10000)}<br>` +
    `65 ans et plus : ${p.share65Plus === null || p.share65Plus === undefined ? '–' : `${formatNumber(p.share65Plus * 100)} %`}`,
  { sticky: true });
}

function renderLegend() {
  const box = document.getElementById('legend');
  const definition = LAYERS[layer];
  box.replaceChildren(el('h3', { text: definition.label }));
  definition.classes.forEach(([, , colour, label]) =>
    box.append(el('div', {}, el('i', { style: `background:${colour}` }), label)));
  if (layer !== 'none') {
    if (layer === 'rate') box.append(el('div', {}, el('i', { style: `background:${SECRET}` }), 'secret statistique (moins de 11)'));
    box.append(el('div', {}, el('i', { style: `background:${NO_DATA}` }), 'pas de donnée'));
  }
  if (layer === 'gps' && !gpsImported) {
    box.append(el('p', { class: 'note', id: 'not-imported', text: 'Données non importées : annuaire RPPS absent, pas de donnée sur les médecins.' }));
  }
  if (layer === 'age65' && ageYear === null) {
    box.append(el('p', { class: 'note', id: 'not-imported', text: 'Données non importées : la population par âge de l\'INSEE '
      + '(fichier base-cc-evol-struct-pop) n\'a pas encore été importée par un administrateur.' }));
  }
  if (layer === 'age65' && ageYear !== null) {
    box.append(el('p', { class: 'note', text: `INSEE, recensement ${ageYear}.` }));
  }
  document.getElementById('map').dataset.layer = layer;
}

/** The polygons once (the browser revalidates them by ETag), then the figures of the period. */
async function loadCommunes() {
  const geojson = await getJson('/api/portal/map/communes.geojson', 'application/geo+json');
  geojson.features.forEach(f =>
    communeIndex.set(f.properties.code, { departement: f.properties.departement, epciSiren: f.properties.epciSiren }));
  communeLayer.clearLayers();
  communeLayer.addData(geojson);
  if (!fitted && communeLayer.getBounds().isValid()) {
    map.fitBounds(communeLayer.getBounds());
    fitted = true;
  }
  await loadFigures();
}

async function loadFigures() {
  const params = new URLSearchParams();
  ['from', 'to'].forEach(id => { if (document.getElementById(id).value) params.set(id, document.getElementById(id).value); });
  const figures = await getJson(`/api/portal/map/figures?${params}`);
  const byCode = new Map(figures.communes.map(c => [c.code, c]));
  gpsImported = figures.communes.some(c => c.gpsPer10000 !== null);
  ageYear = figures.ageYear;
  communeLayer.eachLayer(l => Object.assign(l.feature.properties, byCode.get(l.feature.properties.code) || {}));
  communeLayer.setStyle(styleOf);
  renderLegend();
  refreshMarkers();
}

function markerIcon(site) {
  const kind = site.kind || 'UNKNOWN';
  return L.divIcon({
    className: 'site-icon',
    iconSize: [24, 24],
    html: `<span class="site-marker kind-${kind} state-${site.state}" data-site-id="${encodeURIComponent(site.id)}" ` +
      `data-state="${site.state}" data-kind="${kind}" aria-hidden="true">${KIND_LETTERS[kind]}</span>`
  });
}

function popupOf(site) {
  return el('div', { class: 'site-popup' },
    el('strong', { text: site.name || site.id }), el('br'),
    `${KIND_LABELS[site.kind || 'UNKNOWN']} — `, stateBadge(site.state), el('br'),
    el('a', { href: `/site.html?id=${encodeURIComponent(site.id)}`, class: 'open-site', text: 'Ouvrir la fiche du site' }));
}

function siteTitle(site) {
  return `${site.name || site.id} — ${KIND_LABELS[site.kind || 'UNKNOWN']} — ${STATE_LABELS[site.state]}`;
}

function kindShown(site) {
  const box = document.querySelector(`#kinds input[value="${site.kind || 'UNKNOWN'}"]`);
  return !box || box.checked;
}

function siteShown(site) {
  return kindShown(site) && (!site.inseeCode || inFilter(site.inseeCode));
}

function upsertSite(site) {
  const previous = sites.get(site.id);
  sites.set(site.id, site);
  if (site.latitude == null || site.longitude == null) return; // not described by a birth yet
  let marker = markers.get(site.id);
  if (!marker) {
    marker = L.marker([site.latitude, site.longitude], { icon: markerIcon(site), title: siteTitle(site), alt: siteTitle(site), keyboard: true, riseOnHover: true });
    // a popup first: the state and kind in words, and a link that works with the keyboard too
    marker.bindPopup(() => popupOf(sites.get(site.id)));
    markers.set(site.id, marker);
  } else {
    marker.setLatLng([site.latitude, site.longitude]);
    marker.setIcon(markerIcon(site));
  }
  if (siteShown(site)) marker.addTo(map); else marker.remove();
  const element = marker.getElement();
  if (element) {
    // Leaflet sets title and alt once; keep them, and what screen readers say, in step with the state
    element.title = siteTitle(site);
    element.setAttribute('aria-label', siteTitle(site));
  }
  if (previous && previous.state !== site.state) {
    document.getElementById('annonces').textContent = `${site.name || site.id} : ${STATE_LABELS[site.state]}`;
  }
}

function refreshMarkers() {
  sites.forEach(site => {
    const marker = markers.get(site.id);
    if (!marker) return;
    if (siteShown(site)) marker.addTo(map); else marker.remove();
  });
  renderSiteList();
}

let listPending = false;
function renderSiteList() {
  // several events arrive at once on connection: draw the list once per frame
  if (listPending) return;
  listPending = true;
  requestAnimationFrame(() => {
    listPending = false;
    const shown = [...sites.values()].filter(siteShown).sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id, 'fr'));
    const rows = shown.map(s => [
      el('a', { href: `/site.html?id=${encodeURIComponent(s.id)}`, text: s.name || s.id }),
      KIND_LABELS[s.kind || 'UNKNOWN'],
      stateBadge(s.state)
    ]);
    document.getElementById('liste-titre').textContent = `Sites (${shown.length})`;
    document.getElementById('liste-sites').replaceChildren(dataTable('Sites affichés', ['Site', 'Type', 'État'], rows));
    renderExports();
  });
}

/** Downloads of what the page shows: the list of sites with the filters applied, the communes' figures. */
function renderExports() {
  const filters = new URLSearchParams();
  ['departement', 'epci', 'commune'].forEach(id => {
    const value = document.getElementById(id).value;
    if (value) filters.set(id, value);
  });
  filters.set('kinds', [...document.querySelectorAll('#kinds input:checked')].map(b => b.value).join(','));
  const period = new URLSearchParams();
  ['from', 'to'].forEach(id => { if (document.getElementById(id).value) period.set(id, document.getElementById(id).value); });
  const communes = `/api/portal/territories/departements/${[...new Set([...communeIndex.values()].map(c => c.departement))].sort().join(',') || '52,54,55'}`;
  document.getElementById('exports').replaceChildren(
    el('a', { href: `/api/portal/sites.csv?${filters}`, download: true, id: 'sites-csv', text: 'Sites (CSV)' }), ' · ',
    el('a', { href: `/api/portal/sites.geojson?${filters}`, download: true, text: 'Sites (GeoJSON)' }), ' · ',
    el('a', { href: `${communes}/communes.csv?${period}`, download: true, text: 'Communes de la carte (CSV)' }), ' · ',
    el('a', { href: `${communes}/communes.geojson?${period}`, download: true, text: 'Communes (GeoJSON)' }));
}

function connectEvents() {
  const source = new EventSource('/api/portal/events');
  source.addEventListener('site', event => {
    upsertSite(JSON.parse(event.data));
    renderSiteList();
  });
  // EventSource reconnects by itself; the server sends every site again on reconnection
}

async function fillTerritoryFilters() {
  const departements = await getJson('/api/territories/departements');
  const select = document.getElementById('departement');
  departements.forEach(d => select.append(el('option', { value: d.code, text: departementName(d.code) })));
  await fillEpci();
}

async function fillEpci() {
  const d = document.getElementById('departement').value;
  const epci = await getJson(`/api/territories/epci${d ? `?departements=${d}` : ''}`);
  const select = document.getElementById('epci');
  select.replaceChildren(el('option', { value: '', text: 'Tous les EPCI' }),
    ...epci.map(e => el('option', { value: e.code, text: e.name })));
  await fillCommunes();
}

async function fillCommunes() {
  const d = document.getElementById('departement').value;
  const e = document.getElementById('epci').value;
  const select = document.getElementById('commune');
  if (!d && !e) {
    select.replaceChildren(el('option', { value: '', text: 'Choisissez d\'abord un département ou un EPCI' }));
    return;
  }
  const communes = (await getJson(`/api/territories/communes${d ? `?departements=${d}` : ''}`))
    .filter(c => !e || c.epciSiren === e)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  select.replaceChildren(el('option', { value: '', text: 'Toutes les communes' }),
    ...communes.map(c => el('option', { value: c.code, text: `${c.name} (${c.code})` })));
}

function territoryChanged() {
  const d = document.getElementById('departement').value;
  const e = document.getElementById('epci').value;
  const c = document.getElementById('commune').value;
  const link = document.getElementById('fiche-territoire');
  link.href = c ? `/territoire.html?level=communes&code=${c}` : e ? `/territoire.html?level=epci&code=${e}`
    : d ? `/territoire.html?level=departements&code=${d}` : '/territoire.html?level=departements&code=52,54,55';
  communeLayer.setStyle(styleOf);
  const bounds = L.latLngBounds([]);
  communeLayer.eachLayer(l => { if (inFilter(l.feature.properties.code)) bounds.extend(l.getBounds()); });
  if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 12 });
  refreshMarkers();
}

function buildControls() {
  const kinds = document.getElementById('kinds');
  Object.entries(KIND_LABELS).forEach(([code, label]) => kinds.append(el('label', {},
    el('input', { type: 'checkbox', value: code, checked: true }), label)));
  kinds.addEventListener('change', refreshMarkers);
  const layers = document.getElementById('layers');
  Object.entries(LAYERS).forEach(([code, definition]) => layers.append(el('label', {},
    el('input', { type: 'radio', name: 'layer', value: code, checked: code === layer }), definition.label)));
  layers.addEventListener('change', event => {
    layer = event.target.value;
    communeLayer.setStyle(styleOf);
    renderLegend();
  });
  document.getElementById('departement').addEventListener('change', async () => { await fillEpci(); territoryChanged(); });
  document.getElementById('epci').addEventListener('change', async () => { await fillCommunes(); territoryChanged(); });
  document.getElementById('commune').addEventListener('change', territoryChanged);
  document.getElementById('from').addEventListener('change', loadFigures);
  document.getElementById('to').addEventListener('change', loadFigures);
  const today = new Date();
  const yearAgo = new Date(today); yearAgo.setFullYear(today.getFullYear() - 1); yearAgo.setDate(yearAgo.getDate() + 1);
  document.getElementById('to').value = today.toISOString().slice(0, 10);
  document.getElementById('from').value = yearAgo.toISOString().slice(0, 10);
}

async function start() {
  buildControls();
  renderLegend();
  connectEvents();
  await Promise.all([fillTerritoryFilters(), loadCommunes()]);
  document.body.dataset.ready = 'true';
}

start();
