// The site page: state now (kept live by the event stream), devices, availability per day, incidents, activity.
'use strict';

const siteId = queryParam('id');
const charts = [];

function chartIn(id) {
  const chart = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  charts.push(chart);
  return chart;
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

function renderSummary(site) {
  document.getElementById('site-name').textContent = site.name || site.id;
  document.title = `${site.name || site.id} — téléconsultation assistée`;
  document.getElementById('site-summary').replaceChildren(
    `${KIND_LABELS[site.kind || 'UNKNOWN']} · commune ${site.inseeCode || 'non renseignée'} · état : `,
    el('span', { id: 'site-state', 'aria-live': 'polite' }, stateBadge(site.state)),
    site.lastStatusAt ? ` · dernier relevé ${formatDateTime(site.lastStatusAt)}` : '');
}

function renderDevices(devices) {
  const box = document.getElementById('devices');
  if (devices.length === 0) {
    box.replaceChildren(el('p', { class: 'note', text: 'Aucun relevé reçu de ce site.' }));
    return;
  }
  box.replaceChildren(dataTable('Périphériques', ['Équipement', 'État', 'Détail', 'Relevé'], devices.map(d => [
    `${DEVICE_LABELS[d.kind] || d.kind} (${d.deviceId})`, HEALTH_LABELS[d.health] || d.health, d.detail || '', formatDateTime(d.updatedAt)])));
}

async function renderWeekly() {
  const weeks = await getJson(`/api/portal/sites/${encodeURIComponent(siteId)}/weekly-sessions?weeks=26`);
  if (weeks.length === 0) {
    document.getElementById('weekly-chart').replaceWith(el('p', { text: 'Aucune téléconsultation sur les 26 dernières semaines.' }));
    return;
  }
  const labels = weeks.map(w => new Date(w.week).toLocaleDateString('fr-FR'));
  chartIn('weekly-chart').setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['Réalisées', 'Annulées'] },
    grid: { containLabel: true, left: 10, right: 10 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'Réalisées', type: 'bar', stack: 's', data: weeks.map(w => w.finished), itemStyle: { color: '#00467f' } },
      { name: 'Annulées', type: 'bar', stack: 's', data: weeks.map(w => w.cancelled), itemStyle: { color: '#a35200' } }
    ]
  });
  document.getElementById('weekly-table').replaceChildren(dataTable('Téléconsultations par semaine',
    ['Semaine du', 'Réalisées', 'Annulées'], weeks.map((w, i) => [labels[i], w.finished, w.cancelled]), [1, 2]));
}

async function renderAvailability() {
  let report;
  try {
    report = await getJson(`/api/sites/${encodeURIComponent(siteId)}/availability?granularity=day`);
  } catch (error) {
    document.getElementById('availability-total').textContent = 'Disponibilité non calculée pour ce site.';
    return;
  }
  const percent = a => a.availability === null || a.availability === undefined ? null : Math.round(a.availability * 1000) / 10;
  const hours = s => Math.round(s / 360) / 10;
  document.getElementById('availability-total').textContent =
    `Sur la période : ${percent(report.total) === null ? 'inconnue' : `${formatNumber(percent(report.total))} %`}` +
    ` · ${report.total.failures} panne(s) · horaires : ${report.openingHours}`;
  const periods = report.periods || [];
  const days = periods.map(p => new Date(p.start).toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit' }));
  const series = [
    ['En ligne', 'onlineSeconds', '#1e7e34'], ['Dégradé', 'degradedSeconds', '#a35200'],
    ['Hors ligne', 'offlineSeconds', '#b3261e'], ['Inconnu', 'unknownSeconds', '#9e9e9e']];
  chartIn('availability-chart').setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: series.map(s => s[0]) },
    xAxis: { type: 'category', data: days },
    grid: { containLabel: true, left: 10, right: 10 },
    yAxis: { type: 'value', name: 'heures', nameLocation: 'end' },
    series: series.map(([name, key, color]) => ({ name, type: 'bar', stack: 'h', data: periods.map(p => hours(p[key])), itemStyle: { color } }))
  });
  document.getElementById('availability-table').replaceChildren(dataTable('Disponibilité par jour',
    ['Jour', 'Disponibilité', 'En ligne (h)', 'Dégradé (h)', 'Hors ligne (h)', 'Pannes'],
    periods.map((p, i) => [days[i], percent(p) === null ? '–' : `${formatNumber(percent(p))} %`, formatNumber(hours(p.onlineSeconds)),
      formatNumber(hours(p.degradedSeconds)), formatNumber(hours(p.offlineSeconds)), p.failures]), [1, 2, 3, 4, 5]));
}

async function acknowledge(incident, nameInput) {
  const by = nameInput.value.trim();
  if (!by) {
    nameInput.setAttribute('aria-invalid', 'true');
    nameInput.focus();
    return;
  }
  const response = await fetch(`/api/incidents/${incident.id}/acknowledgement`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ by })
  });
  if (response.ok) renderIncidents();
}

async function renderIncidents() {
  const box = document.getElementById('incidents');
  let incidents;
  try {
    incidents = await getJson(`/api/incidents?state=all&site=${encodeURIComponent(siteId)}`);
  } catch (error) {
    box.replaceChildren(el('p', { class: 'note', text: error.status === 403
      ? 'Les incidents sont suivis par les coordinateurs.' : 'Incidents indisponibles pour le moment.' }));
    return;
  }
  document.getElementById('incidents-export').hidden = false;
  if (incidents.length === 0) {
    box.replaceChildren(el('p', { text: 'Aucun incident.' }));
    return;
  }
  box.replaceChildren(dataTable('Incidents', ['Ouvert le', 'Incident', 'Détail', 'Résolu le', 'Acquittement'], incidents.map(i => {
    let acknowledgement;
    if (i.acknowledgedAt) {
      acknowledgement = `par ${i.acknowledgedBy} le ${formatDateTime(i.acknowledgedAt)}`;
    } else if (!i.resolvedAt) {
      const input = el('input', { type: 'text', id: `ack-${i.id}`, 'aria-label': `Votre nom pour acquitter l'incident ${i.id}`, placeholder: 'Votre nom' });
      const button = el('button', { type: 'button', class: 'secondary', text: 'Acquitter' });
      button.addEventListener('click', () => acknowledge(i, input));
      acknowledgement = el('span', {}, input, button);
    } else {
      acknowledgement = '–';
    }
    return [formatDateTime(i.openedAt), RULE_LABELS[i.rule] || i.rule, i.detail, i.resolvedAt ? formatDateTime(i.resolvedAt) : 'en cours', acknowledgement];
  })));
}

function followState() {
  const source = new EventSource('/api/portal/events');
  source.addEventListener('site', event => {
    const site = JSON.parse(event.data);
    if (site.id === siteId) document.getElementById('site-state').replaceChildren(stateBadge(site.state));
  });
}

async function start() {
  if (!siteId) {
    document.getElementById('site-name').textContent = 'Aucun site indiqué';
    return;
  }
  document.getElementById('saisie').href = `/saisie.html?site=${encodeURIComponent(siteId)}`;
  const exports = `/api/portal/sites/${encodeURIComponent(siteId)}`;
  document.getElementById('weekly-csv').href = `${exports}/weekly-sessions.csv?weeks=26`;
  document.getElementById('availability-csv').href = `${exports}/availability.csv`;
  document.getElementById('incidents-csv').href = `${exports}/incidents.csv`;
  const detail = await getJson(`/api/sites/${encodeURIComponent(siteId)}`);
  renderSummary(detail.site);
  renderDevices(detail.devices || []); // the server leaves empty lists out
  followState();
  await Promise.all([renderWeekly(), renderAvailability(), renderIncidents()]);
  document.body.dataset.ready = 'true';
}

start();
