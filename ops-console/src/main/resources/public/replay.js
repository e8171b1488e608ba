// ZoneStat replay: loads a time range of events, alerts, halos and hot cells from /api/replay and
// plays it on the map with a clock; play, pause, seek and speed act on the clock, and the markers,
// hot cells, halos and zone cards are all drawn from it. Leaflet is the global L. It opens on the
// latest complete week (what /api/replay answers without a range); the zone layers, the focus
// zones' cards and the site-visit layers come from /api/config and /api/layers (city.js).

import {
    layerOf, leafletBounds, loadCity, watchLayers, withLayers,
} from './city.js';
import {
    cellCircle, cityDate, createPanes, drawZoneLayer, eventMarker, haloCircle, isoWeek, setCity,
    textElement,
} from './layers.js';

const TOKEN_KEY = 'zonestat.token';

const state = {
    token: null,
    data: null,
    from: 0, // ms
    to: 0,
    clock: 0,
    playing: false,
    lastFrame: null,
    shown: 0, // events[0..shown) are on the map
    markers: [],
    halos: new Map(), // haloId -> circle
    cells: new Map(), // windowDays/cell -> { cell, circle }
    cellIndex: 0,
    city: null, // city.js's description
    drawn: new Map(), // layer id -> { drawn: Leaflet layer, version }
    loadStarted: 0,
    firstFrameDone: false,
};

const map = L.map('map', { zoomSnap: 0.25 });
createPanes(map);
const eventLayer = L.layerGroup().addTo(map);
const haloLayer = L.layerGroup().addTo(map);
const cellLayer = L.layerGroup().addTo(map);

const $ = (id) => document.getElementById(id);

// ---- Token and API --------------------------------------------------------------------------

class Unauthorized extends Error {}

async function api(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${state.token}` } });
    if (response.status === 401) {
        throw new Unauthorized();
    }
    const body = await response.json();
    if (!response.ok) {
        throw new Error(body.error || `HTTP ${response.status}`);
    }
    return body;
}

function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        url.searchParams.delete('token');
        history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    return sessionStorage.getItem(TOKEN_KEY);
}

function askForToken(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('zs-login-message').textContent = message;
    $('zs-login').hidden = false;
}

$('zs-login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('zs-token-input').value.trim();
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        $('zs-login').hidden = true;
        start(token);
    }
});

// ---- Clock ----------------------------------------------------------------------------------

function formatClock(ms) {
    return new Date(ms).toLocaleString('en-US', {
        timeZone: state.city?.timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric',
        hour: '2-digit', minute: '2-digit', hour12: false,
    });
}

function setPlaying(playing) {
    state.playing = playing && state.data !== null;
    $('zs-replay-play').textContent = state.playing ? 'Pause' : 'Play';
    $('zs-replay-play').dataset.state = state.playing ? 'playing' : 'paused';
    state.lastFrame = null;
    if (state.playing) {
        requestAnimationFrame(tick);
    }
}

function tick(now) {
    if (!state.playing) {
        return;
    }
    if (state.lastFrame !== null) {
        const speed = Number($('zs-replay-speed').value);
        state.clock = Math.min(state.to, state.clock + (now - state.lastFrame) * speed);
    }
    state.lastFrame = now;
    render();
    if (state.clock >= state.to) {
        setPlaying(false);
        return;
    }
    requestAnimationFrame(tick);
}

// ---- Drawing --------------------------------------------------------------------------------

function time(iso) {
    return Date.parse(iso);
}

/** Brings the map, cells, halos and zone cards to state.clock. */
function render() {
    const { events, halos, cells } = state.data;
    if (state.shown > 0 && time(events[state.shown - 1].occurredAt) > state.clock) {
        eventLayer.clearLayers(); // seeked backwards: redraw from the start
        state.markers = [];
        state.shown = 0;
    }
    while (state.shown < events.length && time(events[state.shown].occurredAt) <= state.clock) {
        state.markers.push(eventMarker(events[state.shown], '').addTo(eventLayer));
        state.shown += 1;
    }
    if (state.cellIndex > 0 && time(cells[state.cellIndex - 1].windowEnd) > state.clock) {
        cellLayer.clearLayers();
        state.cells.clear();
        state.cellIndex = 0;
    }
    while (state.cellIndex < cells.length && time(cells[state.cellIndex].windowEnd) <= state.clock) {
        const cell = cells[state.cellIndex];
        const key = `${cell.windowDays}d/${cell.cell}`;
        if (state.cells.has(key)) {
            cellLayer.removeLayer(state.cells.get(key).circle);
            state.cells.delete(key);
        }
        const showing = cell.status === 'HOT' || cell.status === 'COLD'
            || (cell.category && cell.category !== 'NO_PATTERN');
        if (showing) {
            state.cells.set(key, { cell, circle: cellCircle(cell).addTo(cellLayer) });
        }
        state.cellIndex += 1;
    }
    for (const halo of halos) {
        const active = time(halo.startsAt) <= state.clock && state.clock < time(halo.expiresAt);
        const circle = state.halos.get(halo.haloId);
        if (active && !circle) {
            state.halos.set(halo.haloId, haloCircle(halo).addTo(haloLayer));
        } else if (!active && circle) {
            haloLayer.removeLayer(circle);
            state.halos.delete(halo.haloId);
        }
    }
    renderZoneCards(events.slice(0, state.shown));
    $('zs-replay-clock').textContent = formatClock(state.clock);
    $('zs-replay-clock').dataset.ms = String(Math.round(state.clock));
    $('zs-replay-shown').textContent = state.shown.toLocaleString('en-US');
    $('zs-replay-seek').value = String(Math.round(1000 * (state.clock - state.from) / (state.to - state.from)));
    if (!state.firstFrameDone) {
        state.firstFrameDone = true;
        const ms = Math.round(performance.now() - state.loadStarted);
        $('zs-replay-ttff').textContent = `${ms} ms`;
        $('zs-replay-ttff').dataset.ms = String(ms);
    }
}

/** The focus zones' names, in their layer's order. */
function focusNames() {
    const focus = state.city && layerOf(state.city, state.city.focus);
    return focus ? focus.names : [];
}

function renderZoneCards(shownEvents) {
    const counts = new Map(focusNames().map((n) => [n, { SHOOTING: 0, HOMICIDE: 0, REQUEST_311: 0 }]));
    for (const e of shownEvents) {
        const zone = e.zones && e.zones[state.city.focus];
        const c = zone && counts.get(zone);
        if (c && e.kind in c && (e.kind !== 'REQUEST_311' || e.status === 'New')) {
            c[e.kind] += 1;
        }
    }
    const cards = [];
    for (const [name, c] of counts) {
        const card = document.createElement('div');
        card.className = 'zs-zone-card';
        card.dataset.zone = name;
        card.append(textElement('b', name), textElement('span', String(c.SHOOTING), 'zs-n-shootings'),
            textElement('span', String(c.HOMICIDE), 'zs-n-homicides'),
            textElement('span', String(c.REQUEST_311), 'zs-n-311'));
        cards.push(card);
    }
    $('zs-zone-cards').replaceChildren(...cards);
}

// ---- Loading --------------------------------------------------------------------------------

/** The range asked for; none (the latest complete week) when nothing is chosen. */
function rangeQuery() {
    const week = $('zs-replay-week').value;
    const from = $('zs-replay-from').value;
    const to = $('zs-replay-to').value;
    if (from && to) {
        return `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    }
    return week ? `?week=${encodeURIComponent(week)}` : '';
}

async function load() {
    setPlaying(false);
    state.loadStarted = performance.now();
    state.firstFrameDone = false;
    $('zs-replay-message').textContent = 'Loading…';
    try {
        const data = await api(`/api/replay${rangeQuery()}`);
        state.data = data;
        state.from = time(data.from);
        state.to = time(data.to);
        state.clock = state.from;
        state.shown = 0;
        state.cellIndex = 0;
        state.markers = [];
        state.halos.clear();
        state.cells.clear();
        for (const layer of [eventLayer, haloLayer, cellLayer]) {
            layer.clearLayers();
        }
        if (!$('zs-replay-week').value && !$('zs-replay-from').value) {
            $('zs-replay-week').value = isoWeek(cityDate(state.from)); // the week the server chose
        }
        $('zs-replay-total').textContent = data.events.length.toLocaleString('en-US');
        $('zs-replay-message').textContent = data.truncated ? 'Range cut to the item limit' : '';
        $('zs-replay-play').disabled = false;
        $('zs-replay-seek').disabled = false;
        $('zs-visit-asof').value = cityDate(state.to - 1);
        render();
        setPlaying(true);
    } catch (err) {
        if (err instanceof Unauthorized) {
            askForToken('That token was not accepted. Enter a valid token.');
        } else {
            $('zs-replay-message').textContent = err.message;
        }
    }
}

$('zs-replay-controls').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
});
$('zs-replay-week').addEventListener('change', () => {
    $('zs-replay-from').value = '';
    $('zs-replay-to').value = '';
});
$('zs-replay-play').addEventListener('click', () => setPlaying(!state.playing));
$('zs-replay-seek').addEventListener('input', (e) => {
    if (state.data) {
        state.clock = state.from + (state.to - state.from) * Number(e.target.value) / 1000;
        render();
    }
});

// ---- Site-visit plan ------------------------------------------------------------------------

/** Downloads /api/site-visits for the chosen layer and date (the token goes in a header, not the URL). */
async function downloadSiteVisits(format) {
    const layer = $('zs-visit-layer').value;
    const asOf = $('zs-visit-asof').value;
    if (!asOf) {
        $('zs-replay-message').textContent = 'Choose the plan date (or load a range)';
        return;
    }
    const query = new URLSearchParams({ layer, asOf, format });
    const response = await fetch(`/api/site-visits?${query}`, {
        headers: { Authorization: `Bearer ${state.token}` },
    });
    if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        $('zs-replay-message').textContent = body.error || `HTTP ${response.status}`;
        return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `site-visits-${layer}-${asOf}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
}

$('zs-visit-csv').addEventListener('click', () => downloadSiteVisits('csv'));
$('zs-visit-geojson').addEventListener('click', () => downloadSiteVisits('geojson'));

// ---- Layers ---------------------------------------------------------------------------------

/** Draws the focus zones and the finest layer, again for a layer that has a new version. */
async function drawLayers() {
    const city = state.city;
    const wanted = [city.finest, city.focus].filter(Boolean);
    for (const [id, entry] of state.drawn) {
        if (!wanted.includes(id) || entry.version !== layerOf(city, id).version) {
            map.removeLayer(entry.drawn);
            state.drawn.delete(id);
        }
    }
    for (const id of wanted) {
        if (!state.drawn.has(id)) {
            const geojson = await api(`/api/zones?layer=${encodeURIComponent(id)}`);
            state.drawn.set(id, {
                drawn: drawZoneLayer(map, city, id, geojson), version: layerOf(city, id).version,
            });
        }
    }
}

/** The site-visit plan may be made for any layer; the focus zones are chosen first. */
function renderVisitLayers() {
    const select = $('zs-visit-layer');
    const chosen = select.value || state.city.focus;
    select.replaceChildren(...state.city.layers.map((l) => {
        const option = textElement('option', l.title);
        option.value = l.id;
        return option;
    }));
    select.value = layerOf(state.city, chosen) ? chosen : state.city.focus;
}

function renderFocusTitle() {
    const focus = layerOf(state.city, state.city.focus);
    $('zs-zone-cards-title').textContent = focus ? focus.title : 'Zones';
}

async function onLayersChanged({ layers }) {
    state.city = withLayers(state.city, layers);
    setCity(state.city);
    renderVisitLayers();
    renderFocusTitle();
    await drawLayers();
    if (state.data) {
        render();
    } else {
        renderZoneCards([]);
    }
}

// ---- Start ----------------------------------------------------------------------------------

async function start(token) {
    state.token = token;
    try {
        state.city = await loadCity(api);
        setCity(state.city);
        if (state.city.name) {
            $('zs-city-name').textContent = ` · ${state.city.name}`;
        }
        renderVisitLayers();
        renderFocusTitle();
        await drawLayers();
        renderZoneCards([]);
        if (state.city.bounds) {
            map.fitBounds(leafletBounds(state.city.bounds), { padding: [12, 12] });
        }
        watchLayers(api, state.city, onLayersChanged);
        const params = new URL(window.location.href).searchParams;
        if (params.get('week')) {
            $('zs-replay-week').value = params.get('week');
        }
        if (params.get('from') && params.get('to')) {
            $('zs-replay-from').value = params.get('from');
            $('zs-replay-to').value = params.get('to');
        }
        load(); // the range asked for, else the latest complete week
    } catch (err) {
        if (err instanceof Unauthorized) {
            askForToken('That token was not accepted. Enter a valid token.');
        } else {
            $('zs-replay-message').textContent = err.message;
        }
    }
}

const initialToken = takeTokenFromUrl();
if (initialToken) {
    start(initialToken);
} else {
    askForToken('Enter the access token you were given.');
}
