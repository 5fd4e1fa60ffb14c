// The territory page: indicators beside the care supply, compared with the département and the network; exports.
'use strict';

const REASON_LABELS = {
  NO_REGULAR_DOCTOR: 'Pas de médecin traitant', REGULAR_DOCTOR_UNAVAILABLE: 'Médecin traitant indisponible',
  NO_APPOINTMENT_IN_TIME: 'Pas de rendez-vous à temps', DOCTOR_TOO_FAR: 'Médecin trop éloigné',
  SPECIALIST_ACCESS: 'Accès à un spécialiste', OUT_OF_HOURS: 'Hors heures des cabinets',
  PATIENT_PREFERENCE: 'Préférence du patient', OTHER: 'Autre motif', UNKNOWN: 'Non renseigné'
};
const CHARTED = ['RESIDENT_RATE', 'APL', 'GPS_PER_10000', 'WITHOUT_REGULAR_DOCTOR', 'HARD_TO_ACCESS'];
const RATE_PIECES = [
  { min: 0, max: 0.001, label: '0', color: '#f7fbff' }, { min: 0.001, max: 2, label: 'moins de 2', color: '#c6dbef' },
  { min: 2, max: 5, label: '2 à 5', color: '#6baed6' }, { min: 5, max: 10, label: '5 à 10', color: '#2171b5' },
  { min: 10, label: '10 et plus', color: '#08306b' }];

const state = { level: queryParam('level') || 'departements', code: queryParam('code') || '52', from: queryParam('from'), to: queryParam('to') };
let comparisonChart;
let mapChart;

function periodQuery() {
  const params = new URLSearchParams();
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  return params.toString();
}

async function fillCodes() {
  const level = document.getElementById('level').value;
  const entries = await getJson(`/api/territories/${level}`);
  const select = document.getElementById('code');
  const options = entries
    .map(e => ({ code: e.code, text: level === 'departements' ? departementName(e.code) : `${e.name} (${e.code})` }))
    .sort((a, b) => a.text.localeCompare(b.text, 'fr'));
  if (level === 'departements') options.push({ code: '52,54,55', text: 'Les trois départements' });
  select.replaceChildren(...options.map(o => el('option', { value: o.code, text: o.text })));
}

function renderExports() {
  const base = `/api/portal/territories/${state.level}/${state.code}`;
  const query = periodQuery();
  const links = [
    el('a', { class: 'button secondary', href: `${base}/comparison.csv?${query}`, download: true, text: 'Tableau comparé (CSV)' }),
    el('a', { class: 'button secondary', href: `${base}/communes.csv?${query}`, download: true, text: 'Communes (CSV)' }),
    el('a', { class: 'button secondary', href: `${base}/communes.geojson?${query}`, download: true, text: 'Communes (GeoJSON)' })
  ];
  if (state.level !== 'communes' && !state.code.includes(',')) {
    const report = el('form', { method: 'post', action: `/api/portal/reports/${state.level}/${state.code}.pdf`, id: 'report-form' },
      el('input', { type: 'hidden', name: 'from', value: state.from || '' }),
      el('input', { type: 'hidden', name: 'to', value: state.to || '' }),
      el('input', { type: 'hidden', name: 'map' }), el('input', { type: 'hidden', name: 'chart' }),
      el('button', { type: 'submit', id: 'report', text: 'Rapport PDF' }));
    report.addEventListener('submit', () => {
      // the report shows the map and chart as drawn here
      report.elements.map.value = mapChart ? mapChart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : '';
      report.elements.chart.value = comparisonChart ? comparisonChart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : '';
    });
    links.push(report);
  }
  document.getElementById('exports').replaceChildren(...links);
}

function renderComparison(comparison) {
  const info = comparison.territory.territory;
  const levelLabel = { departements: 'Département', epci: 'EPCI', communes: 'Commune' }[info.level];
  const names = info.level === 'departements' ? info.codes.map(departementName) : info.names;
  document.getElementById('territory-name').textContent = `${levelLabel} : ${names.join(', ')}`;
  document.getElementById('territory-summary').textContent =
    `${formatNumber(info.communes)} communes · ${formatNumber(info.population)} habitants · période du ` +
    `${new Date(comparison.territory.period.from).toLocaleDateString('fr-FR')} au ${new Date(comparison.territory.period.to).toLocaleDateString('fr-FR')}`;
  const withDepartement = comparison.departement !== null && comparison.departement !== undefined;
  const headers = ['Indicateur', 'Territoire'].concat(withDepartement ? ['Département'] : [], ['Trois départements']);
  const rows = comparison.rows.map(r => [`${r.label} (${r.unit})`, formatFigure(r.territory)]
    .concat(withDepartement ? [formatFigure(r.departement)] : [], [formatFigure(r.network)]));
  document.getElementById('comparison').replaceChildren(
    dataTable('Indicateurs du territoire comparés', headers, rows, withDepartement ? [1, 2, 3] : [1, 2]));

  const charted = comparison.rows.filter(r => CHARTED.includes(r.key));
  const value = f => (f && !f.suppressed && f.value !== null ? Math.round(f.value * 100) / 100 : null);
  const series = [{ name: 'Territoire', key: 'territory', color: '#00467f' }]
    .concat(withDepartement ? [{ name: 'Département', key: 'departement', color: '#6baed6' }] : [],
      [{ name: 'Trois départements', key: 'network', color: '#a35200' }]);
  comparisonChart = comparisonChart || echarts.init(document.getElementById('comparison-chart'));
  comparisonChart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: series.map(s => s.name) },
    grid: { left: 200, right: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: charted.map(r => r.label), axisLabel: { width: 190, overflow: 'break', lineHeight: 14 } },
    series: series.map(s => ({ name: s.name, type: 'bar', data: charted.map(r => value(r[s.key])), itemStyle: { color: s.color } }))
  }, true);

  const reasons = comparison.territory.byResidence.recourseReasons;
  document.getElementById('reasons').replaceChildren(dataTable('Motifs de recours', ['Motif', 'Séances', 'Part'],
    reasons.map(c => [REASON_LABELS[c.code] || c.code, c.suppressed ? 's' : formatNumber(c.count),
      c.suppressed || c.share === null ? '–' : `${formatNumber(c.share * 100)} %`]), [1, 2]));
}

function renderCommunes(collection) {
  const features = collection.features;
  const rows = features.slice().sort((a, b) => b.properties.population - a.properties.population).map(f => {
    const p = f.properties;
    return [p.name, p.code, formatNumber(p.population), formatNumber(p.apl), p.suppressed ? 's' : formatNumber(p.teleconsultations),
      p.suppressed ? 's' : formatNumber(p.per1000Inhabitants), formatNumber(p.gpsPer10000),
      p.share65Plus === null || p.share65Plus === undefined ? '–' : `${formatNumber(p.share65Plus * 100)} %`, p.sites];
  });
  document.getElementById('communes').replaceChildren(dataTable('Communes du territoire',
    ['Commune', 'Code', 'Population', 'APL', 'Téléconsultations', 'Pour 1 000 hab.', 'Généralistes / 10 000 hab.', '65 ans et plus', 'Sites'],
    rows, [2, 3, 4, 5, 6, 7, 8]));

  echarts.registerMap('territoire', collection);
  mapChart = mapChart || echarts.init(document.getElementById('territory-map'));
  mapChart.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: item => `${item.name} : ${item.value === undefined || isNaN(item.value) ? 's ou –' : formatNumber(item.value)}` },
    visualMap: { type: 'piecewise', pieces: RATE_PIECES, left: 0, bottom: 0, outOfRange: { color: '#9e9e9e' } },
    series: [{
      type: 'map', map: 'territoire', nameProperty: 'code', roam: true, aspectScale: 0.7,
      itemStyle: { borderColor: '#555', borderWidth: 0.3, areaColor: '#e0e0e0' },
      label: { show: false },
      data: features.map(f => ({ name: f.properties.code, value: f.properties.suppressed ? NaN : f.properties.per1000Inhabitants }))
    }]
  }, true);
}

async function load() {
  const base = `/api/portal/territories/${state.level}/${state.code}`;
  const query = periodQuery();
  renderExports();
  const [comparison, communes] = await Promise.all([
    getJson(`${base}/comparison?${query}`),
    getJson(`${base}/communes.geojson?${query}`, 'application/geo+json')]);
  renderComparison(comparison);
  renderCommunes(communes);
  document.body.dataset.ready = 'true';
}

async function start() {
  document.getElementById('level').value = state.level;
  await fillCodes();
  document.getElementById('code').value = state.code;
  if (state.from) document.getElementById('from').value = state.from;
  if (state.to) document.getElementById('to').value = state.to;
  document.getElementById('level').addEventListener('change', fillCodes);
  document.getElementById('choix').addEventListener('submit', event => {
    event.preventDefault();
    const params = new URLSearchParams({ level: document.getElementById('level').value, code: document.getElementById('code').value });
    if (document.getElementById('from').value) params.set('from', document.getElementById('from').value);
    if (document.getElementById('to').value) params.set('to', document.getElementById('to').value);
    window.location.search = params.toString();
  });
  window.addEventListener('resize', () => [comparisonChart, mapChart].forEach(c => c && c.resize()));
  await load();
}

start();
