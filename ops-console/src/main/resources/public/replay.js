// ZoneStat replay: loads a time range of events, alerts, halos and hot cells from /api/replay and
// plays it on the map with a clock; play, pause, seek and speed act on the clock, and the markers,
// hot cells, halos and zone cards are all drawn from it. Leaflet is the global L.

import {
    BALTIMORE_TZ, cellCircle, createPanes, drawNeighborhoods, drawVriZones, eventMarker, haloCircle,
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
    vriNames: [],
    loadStarted: 0,
    firstFrameDone: false,
};

const map = L.map('map', { zoomSnap: 0.25 });
createPanes(map);
map.setView([39.29, -76.61], 12);
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
        timeZone: BALTIMORE_TZ, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric',
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

function renderZoneCards(shownEvents) {
    const counts = new Map(state.vriNames.map((n) => [n, { SHOOTING: 0, HOMICIDE: 0, REQUEST_311: 0 }]));
    for (const e of shownEvents) {
        const zone = e.zones && e.zones['vri-zones'];
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

function rangeQuery() {
    const week = $('zs-replay-week').value;
    const from = $('zs-replay-from').value;
    const to = $('zs-replay-to').value;
    if (from && to) {
        return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    }
    return `week=${encodeURIComponent(week)}`;
}

async function load() {
    setPlaying(false);
    state.loadStarted = performance.now();
    state.firstFrameDone = false;
    $('zs-replay-message').textContent = 'Loading…';
    try {
        const data = await api(`/api/replay?${rangeQuery()}`);
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
        $('zs-replay-total').textContent = data.events.length.toLocaleString('en-US');
        $('zs-replay-message').textContent = data.truncated ? 'Range cut to the item limit' : '';
        $('zs-replay-play').disabled = false;
        $('zs-replay-seek').disabled = false;
        $('zs-visit-asof').value = baltimoreDate(state.to - 1);
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

/** The Baltimore calendar date (YYYY-MM-DD) of an instant in ms. */
function baltimoreDate(ms) {
    return new Date(ms).toLocaleDateString('en-CA', { timeZone: BALTIMORE_TZ });
}

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

// ---- Start ----------------------------------------------------------------------------------

async function start(token) {
    state.token = token;
    try {
        const [hoods, vri] = await Promise.all([
            api('/api/zones?layer=neighborhoods'),
            api('/api/zones?layer=vri-zones'),
        ]);
        const city = drawNeighborhoods(map, hoods);
        drawVriZones(map, vri);
        state.vriNames = vri.features.map((f) => f.properties.name);
        renderZoneCards([]);
        map.fitBounds(city.getBounds(), { padding: [12, 12] });
        const params = new URL(window.location.href).searchParams;
        if (params.get('week')) {
            $('zs-replay-week').value = params.get('week');
        }
        if (params.get('from') && params.get('to')) {
            $('zs-replay-from').value = params.get('from');
            $('zs-replay-to').value = params.get('to');
        }
        if (params.get('week') || params.get('from')) {
            load();
        }
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
