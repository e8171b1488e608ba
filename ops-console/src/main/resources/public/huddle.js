// ZoneStat huddle wall: one big card per focus zone, cycling, and a strip of all zones.
// Data from GET /api/huddle; refreshed every minute. Hot cells are listed by place and drawn on a
// small map of the zone (inline SVG, the zone's outline from GET /api/zones). Plain ES module.

import { api, askForToken, el, forgetToken, signed, takeToken } from './token.js';
import { dosageRows } from './dosage.js';
import { onHistoryDone } from './history-watch.js';

const REFRESH_MS = 60000;
const SVG = 'http://www.w3.org/2000/svg';
const params = new URLSearchParams(window.location.search);

const state = {
    token: null,
    role: null,
    huddle: null,
    index: 0,
    rotateSeconds: 12,
    timer: null,
    layers: [], // GET /api/layers
    outlines: null, // { layer, version, features } of the huddle's layer
};

function query() {
    const q = new URLSearchParams();
    for (const name of ['layer', 'date', 'goal']) {
        if (params.get(name)) {
            q.set(name, params.get(name));
        }
    }
    return q.toString();
}

async function load() {
    try {
        const config = await api('/api/config', state.token);
        state.role = config.role;
        const [body, layers] = await Promise.all([
            api('/api/huddle?' + query(), state.token),
            api('/api/layers', state.token),
        ]);
        state.huddle = body.huddle;
        state.layers = layers;
        await loadOutlines(body.huddle.layer);
        state.rotateSeconds = Number(params.get('rotate')) || body.rotateSeconds;
        render();
    } catch (e) {
        if (e.status === 401) {
            forgetToken();
            askForToken('That token was not accepted. Enter another.', start);
        } else {
            document.getElementById('zs-huddle-current').replaceChildren(el('p', 'zs-error', e.message));
        }
    }
}

/** The zone outlines of the huddle's layer, fetched again when the layer has a new version. */
async function loadOutlines(layerId) {
    const layer = state.layers.find((l) => l.id === layerId);
    const version = layer ? layer.version : null;
    if (state.outlines && state.outlines.layer === layerId && state.outlines.version === version) {
        return;
    }
    const geojson = await api('/api/zones?layer=' + encodeURIComponent(layerId), state.token);
    state.outlines = { layer: layerId, version, features: geojson.features };
}

function start(token) {
    state.token = token;
    load();
    setInterval(load, REFRESH_MS);
    onHistoryDone(token, load);
}

function render() {
    const h = state.huddle;
    const layer = state.layers.find((l) => l.id === h.layer);
    document.getElementById('zs-huddle-layer').textContent = layer ? layer.title : h.layer;
    document.getElementById('zs-huddle-date').textContent = 'Day of ' + h.date;
    document.getElementById('zs-huddle-goal').textContent =
        h.goalPercent === null ? '' : 'Goal ' + h.goalPercent + '% vs last year';
    const strip = document.getElementById('zs-huddle-strip');
    strip.replaceChildren(...h.zones.map((z, i) => stripCard(z, i)));
    if (state.index >= h.zones.length) {
        state.index = 0;
    }
    show(state.index);
    clearInterval(state.timer);
    state.timer = setInterval(() => {
        // Someone is typing into the card (a new action item): do not move on under them.
        if (!document.getElementById('zs-huddle-current').contains(document.activeElement)) {
            show((state.index + 1) % state.huddle.zones.length);
        }
    }, state.rotateSeconds * 1000);
}

function show(i) {
    state.index = i;
    const zones = state.huddle.zones;
    document.getElementById('zs-huddle-current').replaceChildren(card(zones[i]));
    document.getElementById('zs-huddle-position').textContent = 'Zone ' + (i + 1) + ' of ' + zones.length;
    for (const s of document.querySelectorAll('.zs-strip-card')) {
        s.classList.toggle('zs-active', Number(s.dataset.index) === i);
    }
}

function stripCard(z, i) {
    const c = el('button', 'zs-strip-card');
    c.type = 'button';
    c.dataset.index = i;
    c.dataset.zone = z.zone;
    c.append(el('span', 'zs-strip-name', z.zone));
    c.append(el('span', 'zs-strip-number', z.ytd.total));
    c.append(el('span', 'zs-strip-change', percent(z.ytd.changePercent)));
    c.onclick = () => show(i);
    return c;
}

function percent(p) {
    return p === null || p === undefined ? 'no base' : (p > 0 ? '+' : '') + p + '%';
}

function tile(title, rows, className = '') {
    const t = el('section', 'zs-tile ' + className);
    t.append(el('h3', null, title));
    const dl = el('dl');
    for (const [label, value, kind] of rows) {
        const row = el('div');
        row.append(el('dt', null, label));
        const dd = el('dd', 'zs-number', value === null || value === undefined ? '–' : value);
        if (kind) {
            dd.dataset.kind = kind;
        }
        row.append(dd);
        dl.append(row);
    }
    t.append(dl);
    return t;
}

function countRows(counts) {
    const rows = [
        ['Homicides', counts.homicides, 'homicides'],
        ['Shootings', counts.shootings, 'shootings'],
        ['Other violent', counts.otherViolent, 'otherViolent'],
        ['311 opened', counts.requestsOpened, 'requestsOpened'],
    ];
    if (counts.tips !== undefined) {
        rows.push(['Tips', counts.tips, 'tips']);
    }
    return rows;
}

function card(z) {
    const c = el('article', 'zs-card');
    c.dataset.zone = z.zone;
    c.dataset.layer = state.huddle.layer;
    c.dataset.date = state.huddle.date;
    const head = el('header', 'zs-card-head');
    head.append(el('h2', 'zs-card-zone', z.zone));
    const report = el('a', 'zs-report-link', 'Weekly report');
    report.href = '/report?layer=' + encodeURIComponent(state.huddle.layer) + '&zone=' + encodeURIComponent(z.zone);
    head.append(report);
    c.append(head);

    const ytd = el('section', 'zs-tile zs-ytd');
    ytd.append(el('h3', null, 'Homicides + shootings, year to date'));
    const big = el('div', 'zs-big');
    big.append(el('span', 'zs-big-number', z.ytd.total));
    const met = z.ytd.metGoal;
    big.append(el('span', 'zs-goal ' + (met === null ? '' : met ? 'zs-goal-met' : 'zs-goal-missed'),
        met === null ? 'no goal' : met ? 'on goal' : 'above goal'));
    ytd.append(big);
    const ytdRows = el('dl', 'zs-ytd-rows');
    for (const [label, value] of [
        ['Last year', z.ytd.previousTotal],
        ['Change', signed(z.ytd.change) + ' (' + percent(z.ytd.changePercent) + ')'],
        ['Target', z.ytd.target],
    ]) {
        const row = el('div');
        row.append(el('dt', null, label), el('dd', 'zs-number', value === null ? '–' : value));
        ytdRows.append(row);
    }
    ytd.append(ytdRows);
    c.append(ytd);

    c.append(tile('Last 24 h', countRows(z.last24h), 'zs-last24h'));
    c.append(tile('Last 7 days', countRows(z.last7d), 'zs-last7d'));
    if (z.dosage) {
        c.append(tile('Patrol and outreach, same day', dosageRows(z.dosage), 'zs-dosage'));
        c.append(tile('Patrol and outreach, 7 days', dosageRows(z.dosage7d), 'zs-dosage7d'));
    }
    c.append(tile('311 work', [
        ['Open', z.open311, 'open311'],
        ['Overdue', z.overdue311, 'overdue311'],
    ], 'zs-311'));

    c.append(hotCells(z));

    c.append(actionItems(z));

    const changes = el('section', 'zs-tile zs-changes');
    changes.append(el('h3', null, 'Since yesterday\u2019s huddle'));
    const ul = el('ul');
    z.changes.forEach((t) => ul.append(el('li', null, t)));
    changes.append(ul);
    c.append(changes);
    return c;
}

/** The hot cells by place, and a small map of the zone with them on it. */
function hotCells(z) {
    const t = el('section', 'zs-tile zs-hot');
    t.append(el('h3', null, 'Hot cells (7-day Gi*)'));
    const row = el('div', 'zs-hot-row');
    row.append(el('div', 'zs-number zs-hot-count', z.hotCells.length));
    row.append(hotMap(z));
    t.append(row);
    const places = new Map();
    for (const cell of z.hotCells) {
        const place = cell.place || 'outside the zones';
        places.set(place, (places.get(place) || 0) + 1);
    }
    const list = el('ul', 'zs-hot-places');
    for (const [place, n] of places) {
        const li = el('li', null, n > 1 ? place + ' (' + n + ' cells)' : place);
        li.dataset.place = place;
        list.append(li);
    }
    t.append(list);
    return t;
}

/** Longitude and latitude to SVG units: a flat projection scaled by the latitude. */
function projection(points, width, height, pad) {
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const kx = Math.cos(((s + n) / 2) * Math.PI / 180);
    const scale = Math.min((width - 2 * pad) / Math.max((e - w) * kx, 1e-9),
        (height - 2 * pad) / Math.max(n - s, 1e-9));
    const x0 = (width - (e - w) * kx * scale) / 2;
    const y0 = (height - (n - s) * scale) / 2;
    return (p) => [(x0 + (p[0] - w) * kx * scale).toFixed(1), (y0 + (n - p[1]) * scale).toFixed(1)];
}

/** The rings of a GeoJSON Polygon or MultiPolygon. */
function rings(geometry) {
    if (geometry.type === 'Polygon') {
        return geometry.coordinates;
    }
    return geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
}

function hotMap(z) {
    const width = 220;
    const height = 150;
    const map = document.createElementNS(SVG, 'svg');
    map.setAttribute('viewBox', `0 0 ${width} ${height}`);
    map.setAttribute('class', 'zs-hot-map');
    map.setAttribute('role', 'img');
    map.setAttribute('aria-label', 'Map of ' + z.zone + ' with its hot cells');
    const features = (state.outlines ? state.outlines.features : [])
        .filter((f) => f.properties.name === z.zone);
    const zoneRings = features.flatMap((f) => rings(f.geometry));
    const points = zoneRings.flat().concat(z.hotCells.flatMap((c) => c.boundary));
    if (points.length === 0) {
        return map;
    }
    const at = projection(points, width, height, 6);
    const outline = document.createElementNS(SVG, 'path');
    outline.setAttribute('class', 'zs-hot-map-zone');
    outline.setAttribute('d', zoneRings.map((r) => 'M' + r.map((p) => at(p).join(',')).join('L') + 'Z').join(''));
    map.append(outline);
    for (const cell of z.hotCells) {
        const hexagon = document.createElementNS(SVG, 'polygon');
        hexagon.setAttribute('class', 'zs-hot-map-cell');
        hexagon.setAttribute('points', cell.boundary.map((p) => at(p).join(',')).join(' '));
        const title = document.createElementNS(SVG, 'title');
        title.textContent = cell.place || cell.cell;
        hexagon.append(title);
        map.append(hexagon);
    }
    return map;
}

function mayEdit() {
    return state.role === 'analyst' || state.role === 'admin';
}

function actionItems(z) {
    const t = el('section', 'zs-tile zs-items');
    t.append(el('h3', null, 'Action items (' + z.actionItems.length + ' open)'));
    const ul = el('ul');
    for (const item of z.actionItems) {
        const li = el('li', 'zs-item' + (item.overdue ? ' zs-overdue' : ''));
        li.dataset.id = item.id;
        li.append(el('span', 'zs-item-what', item.what));
        li.append(el('span', 'zs-item-agency', item.agency + (item.assignee ? ' · ' + item.assignee : '')));
        li.append(el('span', 'zs-item-due', 'due ' + item.dueDate + (item.overdue ? ' · overdue' : '')));
        if (mayEdit()) {
            const assign = el('button', 'zs-item-assign', 'Assign');
            assign.type = 'button';
            assign.onclick = async () => {
                const agency = prompt('Assign to which agency?', item.agency);
                if (agency) {
                    await api('/api/action-items/' + item.id + '/assign', state.token,
                        { method: 'POST', body: { agency } });
                    load();
                }
            };
            const close = el('button', 'zs-item-close', 'Close');
            close.type = 'button';
            close.onclick = async () => {
                await api('/api/action-items/' + item.id + '/close', state.token, { method: 'POST', body: {} });
                load();
            };
            li.append(assign, close);
        }
        ul.append(li);
    }
    t.append(ul);
    if (mayEdit()) {
        const form = el('form', 'zs-item-form');
        const what = el('input');
        what.placeholder = 'What';
        what.required = true;
        const agency = el('input');
        agency.placeholder = 'Agency';
        agency.required = true;
        const due = el('input');
        due.type = 'date';
        due.required = true;
        const add = el('button', null, 'Add');
        add.type = 'submit';
        form.append(what, agency, due, add);
        form.onsubmit = async (e) => {
            e.preventDefault();
            await api('/api/action-items', state.token, {
                method: 'POST',
                body: { layer: state.huddle.layer, zone: z.zone, what: what.value, agency: agency.value, dueDate: due.value },
            });
            load();
        };
        t.append(form);
    }
    return t;
}

const token = takeToken();
if (token) {
    start(token);
} else {
    askForToken('Enter the access token you were given.', start);
}
