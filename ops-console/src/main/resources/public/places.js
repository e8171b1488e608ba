// ZoneStat priority inspection list: the places of a zone ranked by their nexus to violence, with
// a sentence per rank and what was already done; an inspection is recorded from its row. Data from
// GET /api/places/priority; inspections go to POST /api/places/inspections. Plain ES module.

import { layerOf, loadCity } from './city.js';
import { api, askForToken, el, forgetToken, options, takeToken } from './token.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);
let token = null;
let city = null;

function pickZone(layerId, zone) {
    const names = layerOf(city, layerId).names;
    options($('zs-places-zone'), names.map((n) => [n, n]), names.includes(zone) ? zone : names[0]);
}

function query(format) {
    const q = new URLSearchParams();
    q.set('layer', $('zs-places-layer').value);
    q.set('zone', $('zs-places-zone').value);
    if ($('zs-places-date').value) {
        q.set('asOf', $('zs-places-date').value);
    }
    if ($('zs-places-radius').value) {
        q.set('radius', $('zs-places-radius').value);
    }
    if (format) {
        q.set('format', format);
    }
    return q;
}

/** Downloads an export with the token (a plain link cannot send it). */
async function download(format) {
    const response = await fetch('/api/places/priority?' + query(format), {
        headers: { Authorization: 'Bearer ' + token },
    });
    const blob = await response.blob();
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'priority-places.' + (format === 'csv' ? 'csv' : 'geojson');
    a.click();
}

function inspectionForm(row, asOf) {
    const form = el('form', 'zs-inline-form zs-inspect');
    const date = el('input');
    date.type = 'date';
    date.value = asOf;
    date.setAttribute('aria-label', 'Inspection date');
    const agency = el('input');
    agency.placeholder = 'Agency';
    agency.required = true;
    agency.className = 'zs-inspect-agency';
    const outcome = el('input');
    outcome.placeholder = 'Outcome';
    outcome.required = true;
    outcome.className = 'zs-inspect-outcome';
    const save = el('button', null, 'Record inspection');
    save.type = 'submit';
    const status = el('span', 'zs-small');
    form.append(date, agency, outcome, save, status);
    form.onsubmit = async (e) => {
        e.preventDefault();
        try {
            await api('/api/places/inspections', token, {
                method: 'POST',
                body: { placeId: row.placeId, date: date.value || null, agency: agency.value, outcome: outcome.value },
            });
            status.textContent = 'recorded; it shows here once the job has logged it';
            status.className = 'zs-small zs-done zs-inspect-sent';
            setTimeout(load, 2000);
        } catch (err) {
            status.textContent = err.message;
            status.className = 'zs-small zs-error';
        }
    };
    return form;
}

function render(answer) {
    $('zs-places-date').value = answer.asOf;
    $('zs-places-summary').textContent = answer.rows.length + ' of ' + answer.places
        + ' open places in ' + answer.zone + ' as of ' + answer.asOf + ', within '
        + answer.radiusMeters + ' m; places inspected in the last 30 days come after the others.';
    const body = $('zs-places-table').querySelector('tbody');
    body.replaceChildren(...answer.rows.map((r) => {
        const tr = el('tr', r.recentlyInspected ? 'zs-recent' : null);
        tr.dataset.placeId = r.placeId;
        tr.append(el('td', 'zs-number', r.rank));
        const place = el('td');
        place.append(el('strong', null, r.name), el('div', 'zs-small', r.category + (r.address ? ' · ' + r.address : '')));
        tr.append(place);
        tr.append(el('td', 'zs-number', r.score));
        const why = el('td');
        why.append(el('div', 'zs-why', r.explanation));
        if (r.lastInspection) {
            why.append(el('div', 'zs-done zs-last-inspection', 'Inspected ' + r.lastInspection.date + ' by '
                + r.lastInspection.agency + (r.lastInspection.outcome ? ': ' + r.lastInspection.outcome : '')));
        }
        why.append(inspectionForm(r, answer.asOf));
        tr.append(why);
        return tr;
    }));
    document.body.dataset.loaded = 'true';
}

async function load() {
    history.replaceState(null, '', '/places?' + query());
    render(await api('/api/places/priority?' + query(), token));
}

async function start(t) {
    token = t;
    try {
        if (city === null) {
            city = await loadCity((path) => api(path, token));
            const asked = params.get('layer');
            const layerId = layerOf(city, asked) ? asked : city.focus;
            options($('zs-places-layer'), city.layers.map((l) => [l.id, l.title]), layerId);
            pickZone(layerId, params.get('zone'));
            $('zs-places-date').value = params.get('asOf') || '';
        }
        await load();
    } catch (e) {
        if (e.status === 401) {
            forgetToken();
            city = null;
            askForToken('That token was not accepted. Enter another.', start);
        } else {
            $('zs-places-summary').replaceChildren(el('span', 'zs-error', e.message));
        }
    }
}

$('zs-places-layer').onchange = () => {
    pickZone($('zs-places-layer').value, null);
    start(token);
};
$('zs-places-form').onsubmit = (e) => {
    e.preventDefault();
    start(token);
};
$('zs-places-csv').onclick = (e) => {
    e.preventDefault();
    download('csv');
};
$('zs-places-geojson').onclick = (e) => {
    e.preventDefault();
    download('geojson');
};

const saved = takeToken();
if (saved) {
    start(saved);
} else {
    askForToken('Enter the access token you were given.', start);
}
