// The huddle wall's field work, beside huddle.js: a line with last week's forecast score under the
// header (GET /api/forecast), and on each zone's card what agencies did there this week
// (GET /api/activities/zone) with a quick "Log this visit" form (POST /api/activities). The card's
// zone, layer and day come from its data attributes; typing in the form holds the wall on the card.

import { api, el, takeToken } from './token.js';

const KINDS = [
    ['SITE_VISIT', 'Site visit'],
    ['OUTREACH_CONTACT', 'Outreach contact'],
    ['INSPECTION', 'Inspection'],
    ['CODE_ENFORCEMENT', 'Code enforcement'],
    ['CLEANUP', 'Cleanup'],
    ['LIGHTING_REPAIR', 'Lighting repair'],
    ['OTHER', 'Other'],
];
const NAMES = Object.fromEntries(KINDS.map(([k, label]) => [k, label.toLowerCase()]));
const token = () => sessionStorage.getItem('zonestat.token') || takeToken();
let lastDate = null;

function summaryText(s) {
    const done = Object.entries(s.last7d).filter(([, n]) => n > 0)
        .map(([k, n]) => n + ' ' + NAMES[k] + (n === 1 ? '' : 's'));
    return 'Last site visit: ' + (s.lastSiteVisit || 'none in a year') + '. Last 7 days: '
        + (done.length === 0 ? 'nothing logged' : done.join(', '))
        + (s.uniqueContacts7d > 0 ? ' (' + s.uniqueContacts7d + ' people reached)' : '') + '.';
}

async function fillSummary(tile, card) {
    const q = new URLSearchParams({ layer: card.dataset.layer, zone: card.dataset.zone, date: card.dataset.date });
    try {
        tile.querySelector('.zs-activity-summary').textContent =
            summaryText(await api('/api/activities/zone?' + q, token()));
    } catch (e) {
        tile.querySelector('.zs-activity-summary').textContent = e.message;
    }
}

function activityTile(card) {
    const t = el('section', 'zs-tile zs-activity-tile');
    t.append(el('h3', null, 'What agencies did'));
    t.append(el('p', 'zs-activity-summary', '…'));
    const form = el('form', 'zs-activity-form');
    const kind = el('select', 'zs-activity-kind');
    kind.setAttribute('aria-label', 'Activity');
    for (const [value, label] of KINDS) {
        const o = el('option', null, label);
        o.value = value;
        kind.append(o);
    }
    const agency = el('input', 'zs-activity-agency');
    agency.placeholder = 'Agency';
    agency.required = true;
    const count = el('input', 'zs-activity-count');
    count.type = 'number';
    count.min = '1';
    count.value = '1';
    count.setAttribute('aria-label', 'How many');
    const contact = el('input', 'zs-activity-contact');
    contact.placeholder = 'Who (hashed, never stored)';
    contact.hidden = true;
    kind.onchange = () => {
        contact.hidden = kind.value !== 'OUTREACH_CONTACT';
    };
    const save = el('button', 'zs-log-visit', 'Log this visit');
    save.type = 'submit';
    const status = el('span', 'zs-activity-status');
    form.append(kind, agency, count, contact, save, status);
    form.onsubmit = async (e) => {
        e.preventDefault();
        const body = {
            kind: kind.value,
            agency: agency.value,
            layer: card.dataset.layer,
            zone: card.dataset.zone,
            date: card.dataset.date,
            count: Number(count.value) || 1,
        };
        if (!contact.hidden && contact.value.trim()) {
            body.contact = contact.value;
        }
        try {
            await api('/api/activities', token(), { method: 'POST', body });
            status.textContent = 'logged: ' + NAMES[kind.value] + ' by ' + agency.value;
            status.className = 'zs-activity-status zs-logged';
            contact.value = '';
            fillSummary(t, card);
        } catch (err) {
            status.textContent = err.message;
            status.className = 'zs-activity-status zs-error';
        }
    };
    t.append(form);
    fillSummary(t, card);
    return t;
}

async function forecastLine(date) {
    if (date === lastDate) {
        return;
    }
    lastDate = date;
    let line = document.getElementById('zs-forecast-line');
    if (!line) {
        line = el('div', 'zs-forecast-line');
        line.id = 'zs-forecast-line';
        document.querySelector('.zs-wall-header').after(line);
    }
    try {
        const f = await api('/api/forecast?weeks=1&date=' + encodeURIComponent(date), token());
        line.textContent = 'Forecast check: ' + f.line + '.';
    } catch (e) {
        line.textContent = '';
    }
}

new MutationObserver(() => {
    const card = document.querySelector('#zs-huddle-current article.zs-card');
    if (!card || !card.dataset.layer) {
        return;
    }
    forecastLine(card.dataset.date);
    if (!card.querySelector('.zs-activity-tile')) {
        card.append(activityTile(card));
    }
}).observe(document.getElementById('zs-huddle-current'), { childList: true, subtree: true });
