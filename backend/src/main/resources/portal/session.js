// Session entry: one screen, native controls (keyboard and touch), the server's validator gives the messages.
'use strict';

const siteId = queryParam('site');
const form = document.getElementById('session-form');
const messages = document.getElementById('messages');
const SELECTS = ['professional', 'specialty', 'reason', 'outcome', 'age-band', 'sex'];
const FIELD_LABELS = {
  'started-at': 'Début', 'ended-at': 'Fin', professional: 'Professionnel', specialty: 'Spécialité',
  reason: 'Motif de recours', outcome: 'Issue', 'age-band': "Tranche d'âge", sex: 'Sexe', commune: 'Commune',
  'regular-doctor': 'Médecin traitant', devices: 'Périphériques', satisfaction: 'Satisfaction',
  'role-strengthened': 'Avis du professionnel', action: 'Séance', '': 'Séance'
};

function localInput(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

async function setUp() {
  if (!siteId) {
    messages.replaceChildren(el('p', { class: 'errors', role: 'alert', text: 'Aucun site indiqué : ouvrez ce formulaire depuis la page d\'un site.' }));
    form.hidden = true;
    return;
  }
  const [site, choices] = await Promise.all([getJson(`/api/sites/${encodeURIComponent(siteId)}`), getJson('/api/portal/session-form')]);
  document.getElementById('titre').textContent = `Saisir une téléconsultation — ${site.site.name || siteId}`;
  document.getElementById('retour').href = `/site.html?id=${encodeURIComponent(siteId)}`;
  SELECTS.forEach(name => {
    document.getElementById(name).replaceChildren(el('option', { value: '', text: '— choisir —' }),
      ...choices.choices[name].map(c => el('option', { value: c.code, text: c.label })));
  });
  document.getElementById('devices').append(...choices.choices.devices.map(c =>
    el('label', {}, el('input', { type: 'checkbox', name: 'devices', value: c.code }), c.label)));
  document.getElementById('role-strengthened').append(...choices.choices['role-strengthened'].map(c =>
    el('label', {}, el('input', { type: 'radio', name: 'role-strengthened', value: c.code }), c.label)));
  document.getElementById('communes').replaceChildren(...choices.communes.map(label => el('option', { value: label })));
  resetTimes();
  document.body.dataset.ready = 'true';
}

/** A consultation typed just after it ended: by default it started twenty minutes ago and ended now. */
function resetTimes() {
  const now = new Date();
  document.getElementById('ended-at').value = localInput(now);
  document.getElementById('started-at').value = localInput(new Date(now.getTime() - 20 * 60000));
}

/** A field's own description (its hint), kept when its error message is added to or removed from it. */
function hintOf(target) {
  return (target.getAttribute('aria-describedby') || '').split(' ').filter(id => id && !id.startsWith('erreur-')).join(' ');
}

function clearErrors() {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => {
    e.removeAttribute('aria-invalid');
    const hint = hintOf(e);
    if (hint) e.setAttribute('aria-describedby', hint); else e.removeAttribute('aria-describedby');
  });
}

function showProblems(problems) {
  const list = el('ul', {}, problems.map(p => {
    const target = document.getElementById(p.field);
    const text = `${FIELD_LABELS[p.field] || p.field} : ${p.message}`;
    return el('li', {}, target ? el('a', { href: `#${p.field}`, text }) : text);
  }));
  messages.replaceChildren(el('div', { class: 'errors', role: 'alert' },
    el('h3', { text: `La séance n'est pas enregistrée : ${problems.length} point(s) à corriger` }), list));
  problems.forEach(p => {
    const target = document.getElementById(p.field);
    if (!target) return;
    const id = `erreur-${p.field}`;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', `${id} ${hintOf(target)}`.trim());
    const existing = document.getElementById(id);
    if (existing) existing.textContent += ` ; ${p.message}`;
    else target.insertAdjacentElement(target.tagName === 'FIELDSET' ? 'beforeend' : 'afterend', el('span', { class: 'field-error', id, text: p.message }));
  });
  messages.focus();
}

async function waitForEncounter(link, status) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await fetch(link, { headers: { Accept: 'application/fhir+json' } });
    if (response.ok) {
      status.textContent = 'Séance enregistrée dans le dossier de téléconsultation.';
      status.dataset.stored = 'true';
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  status.textContent = 'La séance est transmise mais pas encore enregistrée : rechargez la page du site plus tard.';
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors();
  const data = new FormData(form);
  const body = {
    startedAt: data.get('started-at'), endedAt: data.get('ended-at'), professional: data.get('professional'),
    specialty: data.get('specialty'), reason: data.get('reason'), outcome: data.get('outcome'),
    ageBand: data.get('age-band'), sex: data.get('sex'), commune: data.get('commune'),
    regularDoctor: data.get('regular-doctor'), devices: data.getAll('devices'), satisfaction: data.get('satisfaction'),
    roleStrengthened: data.get('role-strengthened')
  };
  const button = document.getElementById('enregistrer');
  button.disabled = true;
  try {
    const response = await fetch(`/api/portal/sites/${encodeURIComponent(siteId)}/sessions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body)
    });
    if (response.status === 422) {
      showProblems((await response.json()).problems);
      return;
    }
    if (response.status === 503) {
      showProblems([{ field: '', message: 'la transmission est momentanément impossible ; rien n\'est perdu, renvoyez le formulaire dans un instant' }]);
      return;
    }
    if (!response.ok) {
      showProblems([{ field: '', message: `le serveur a répondu ${response.status}, réessayez` }]);
      return;
    }
    const registered = await response.json();
    const status = el('p', { id: 'encounter-status', text: 'Transmission en cours…' });
    messages.replaceChildren(el('div', { class: 'ok', role: 'status', id: 'result', 'data-session-id': registered.sessionId },
      el('h3', { text: 'Séance transmise' }),
      el('p', {}, 'Numéro de séance : ', el('a', { href: registered.encounter, text: registered.sessionId })), status));
    messages.focus();
    form.reset();
    resetTimes();
    waitForEncounter(registered.encounter, status);
  } finally {
    button.disabled = false;
  }
});

setUp();
