// ZoneStat public scorecard: GET /api/public/scorecard, no token. Counts 1-4 arrive as "<5".
// The layer picker comes from GET /api/public/layers; without ?layer= the server's focus zones.

const params = new URLSearchParams(window.location.search);

function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
        e.className = className;
    }
    if (text !== undefined && text !== null) {
        e.textContent = String(text);
    }
    return e;
}

function count(value, kind) {
    const td = el('td', 'zs-count', value === null || value === undefined ? '–' : value);
    td.dataset.kind = kind;
    if (typeof value === 'string') {
        td.classList.add('zs-suppressed');
        td.title = 'Between 1 and 4: suppressed to protect privacy';
    } else if (value === null) {
        td.classList.add('zs-withheld');
        td.title = 'Withheld so that a count under 5 cannot be worked out from the total';
    }
    return td;
}

async function load() {
    const q = new URLSearchParams({ compare: 'previous-year', kinds: 'homicides,shootings' });
    const layer = document.getElementById('zs-public-layer').value;
    if (layer) {
        q.set('layer', layer);
    }
    const quarter = document.getElementById('zs-public-quarter').value.trim();
    if (quarter) {
        q.set('quarter', quarter);
    }
    const error = document.getElementById('zs-public-error');
    const response = await fetch('/api/public/scorecard?' + q);
    const body = await response.json();
    if (!response.ok) {
        error.hidden = false;
        error.textContent = body.error;
        return;
    }
    error.hidden = true;
    document.getElementById('zs-public-layer').value = body.layer;
    document.getElementById('zs-public-window').textContent =
        body.period + ' (' + body.from + ' to ' + body.to + '), compared with ' + body.compareFrom
        + ' to ' + body.compareTo;
    document.getElementById('zs-public-version').textContent = versionLine(body);
    if (body.goalPercent !== null) {
        document.getElementById('zs-public-goal').textContent = Math.abs(body.goalPercent) + '%';
    }
    const rows = body.zones.map((z) => {
        const tr = el('tr', 'zs-public-row');
        tr.dataset.zone = z.zone;
        tr.append(el('th', null, z.zone));
        tr.querySelector('th').scope = 'row';
        tr.append(count(z.counts.homicides, 'homicides'));
        tr.append(count(z.counts.shootings, 'shootings'));
        tr.append(count(z.total, 'total'));
        tr.append(count(z.previousTotal, 'previousTotal'));
        const change = z.changePercent === null || z.changePercent === undefined
            ? '–' : (z.changePercent > 0 ? '+' : '') + z.changePercent + '%';
        const td = el('td', 'zs-change', change);
        if (z.changePercent !== null && z.changePercent !== undefined) {
            td.classList.add(z.changePercent <= 0 ? 'zs-down' : 'zs-up');
        }
        tr.append(td);
        return tr;
    });
    document.querySelector('#zs-public-table tbody').replaceChildren(...rows);
    document.body.dataset.loaded = 'true';
}

/**
 * Which zone layer and version the figures are of; says so when some were counted with an older
 * version of the zones than the current one.
 */
function versionLine(body) {
    const line = 'Zones: layer ' + body.layer + ', version ' + body.layerVersion + '.';
    if (!body.olderVersions) {
        return line;
    }
    const older = body.versions.filter((v) => v > 0 && v < body.layerVersion);
    return line + ' Some figures were counted with the earlier version'
        + (older.length > 1 ? 's ' : ' ') + older.join(', ') + ' of these zones.';
}

/** The picker's layers; the one asked for by ?layer= chosen (the server's focus zones if none). */
async function loadLayers() {
    const select = document.getElementById('zs-public-layer');
    const response = await fetch('/api/public/layers');
    if (response.ok) {
        select.replaceChildren(...(await response.json()).map((l) => {
            const option = el('option', null, l.title);
            option.value = l.id;
            return option;
        }));
    }
    select.value = params.get('layer') || '';
}

document.getElementById('zs-public-quarter').value = params.get('quarter') || '';
document.getElementById('zs-public-form').onsubmit = (e) => {
    e.preventDefault();
    load();
};
loadLayers().then(load);
