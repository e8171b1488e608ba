// ZoneStat site-visit plan: the zones of a layer ranked for the next rotation of site visits
// (GET /api/site-visits) beside when each was last visited (GET /api/site-visits/rotation), with
// "Log this visit" on each row (POST /api/activities). Plain ES module.

import { layerOf, loadCity } from './city.js';
import { api, askForToken, el, forgetToken, options, takeToken } from './token.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);
let token = null;
let city = null;

function logButton(layer, zone, asOf) {
    const b = el('button', 'zs-log-visit', 'Log this visit');
    b.type = 'button';
    b.onclick = async () => {
        const agency = prompt('Which agency visited ' + zone + '?', 'CitiStat');
        if (!agency) {
            return;
        }
        try {
            await api('/api/activities', token, {
                method: 'POST',
                body: { kind: 'SITE_VISIT', agency, layer, zone, date: asOf },
            });
            b.replaceWith(el('span', 'zs-done', 'logged'));
        } catch (e) {
            b.replaceWith(el('span', 'zs-error', e.message));
        }
    };
    return b;
}

async function load() {
    const layer = $('zs-visits-layer').value;
    const q = new URLSearchParams({ layer });
    if ($('zs-visits-date').value) {
        q.set('asOf', $('zs-visits-date').value);
    }
    history.replaceState(null, '', '/site-visits?' + q);
    const rotation = await api('/api/site-visits/rotation?' + q, token);
    q.set('asOf', rotation.asOf);
    const plan = await api('/api/site-visits?' + q, token);
    $('zs-visits-date').value = plan.asOf;
    const visits = new Map(rotation.zones.map((z) => [z.zone, z]));
    $('zs-visits-summary').textContent = 'Ranked on the ' + plan.days + ' days to ' + plan.asOf
        + '; the rotation counts the site visits logged in the ' + rotation.days + ' days to it.';
    const body = $('zs-visits-table').querySelector('tbody');
    body.replaceChildren(...plan.rows.map((r) => {
        const v = visits.get(r.zone) || {};
        const tr = el('tr');
        tr.dataset.zone = r.zone;
        tr.append(el('td', 'zs-number', r.rank), el('td', null, r.zone), el('td', 'zs-number', r.score),
            el('td', 'zs-why', r.explanation),
            el('td', 'zs-last-visit', v.lastVisit ? v.lastVisit + ' (' + v.daysSince + ' days ago)' : 'none in a year'),
            el('td', 'zs-number', v.visits ?? 0));
        const action = el('td');
        action.append(logButton(layer, r.zone, plan.asOf));
        tr.append(action);
        return tr;
    }));
    document.body.dataset.loaded = 'true';
}

async function start(t) {
    token = t;
    try {
        if (city === null) {
            city = await loadCity((path) => api(path, token));
            const asked = params.get('layer');
            options($('zs-visits-layer'), city.layers.map((l) => [l.id, l.title]),
                layerOf(city, asked) ? asked : city.focus);
            $('zs-visits-date').value = params.get('asOf') || '';
        }
        await load();
    } catch (e) {
        if (e.status === 401) {
            forgetToken();
            city = null;
            askForToken('That token was not accepted. Enter another.', start);
        } else {
            $('zs-visits-summary').replaceChildren(el('span', 'zs-error', e.message));
        }
    }
}

$('zs-visits-form').onsubmit = (e) => {
    e.preventDefault();
    start(token);
};

const saved = takeToken();
if (saved) {
    start(saved);
} else {
    askForToken('Enter the access token you were given.', start);
}
