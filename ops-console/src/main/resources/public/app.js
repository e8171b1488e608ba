// ZoneStat live operations map: zone polygons as the base map; live events, alerts, risk halos
// and hot cells from /ws/live on top. Plain ES module; Leaflet is the global L loaded by index.html.
//
// The page subscribes to what its layer toggles ask for (the server filters), remembers the last
// sequence number it saw and resumes from it after a reconnect. The zone layers, their toggles and
// the map's extent come from /api/config and /api/layers (city.js); a layer uploaded or edited
// while the page is open is drawn at the next look.

import {
    loadCity, layerOf, leafletBounds, watchLayers, withLayers,
} from './city.js';
import {
    KIND_STYLES, alertTitle, cellCircle, createPanes, drawZoneLayer, eventMarker, formatTime,
    haloCircle, layerColor, placeOf, setCity, textElement,
} from './layers.js';

const TOKEN_KEY = 'zonestat.token';
const RECONNECT_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const WS_POLICY_VIOLATION = 1008;
const MAX_ALERTS = 50;

// The event toggles: what each asks the server for. Both 311 toggles need REQUEST_311 events;
// which requests are overdue comes from overdue-311 alerts.
const EVENT_TOGGLES = [
    { id: 'HOMICIDE', kinds: ['HOMICIDE'], label: 'Homicide', color: KIND_STYLES.HOMICIDE.color },
    { id: 'SHOOTING', kinds: ['SHOOTING'], label: 'Shooting', color: KIND_STYLES.SHOOTING.color },
    {
        id: 'OTHER', kinds: ['AGGRAVATED_ASSAULT', 'ROBBERY', 'OTHER_VIOLENT', 'OTHER'],
        label: 'Other incident', color: KIND_STYLES.ROBBERY.color,
    },
    { id: 'REQUEST_311_OPEN', kinds: ['REQUEST_311'], label: 'Open 311 request', color: KIND_STYLES.REQUEST_311.color },
    {
        id: 'REQUEST_311_OVERDUE', kinds: ['REQUEST_311'], label: 'Overdue 311 request',
        color: KIND_STYLES.REQUEST_311.color, swatchClass: 'zs-swatch-overdue',
    },
    { id: 'TIP', kinds: ['TIP'], label: 'Tip', color: KIND_STYLES.TIP.color, tipsOnly: true },
];

const state = {
    token: null,
    role: null,
    assignment: null, // {layer: [zone, ...]} from ?zones=, or null for the whole city
    maxMarkers: 1000,
    markers: new Map(), // eventId -> circle marker, oldest first
    requests: new Map(), // 311 request id -> { event, marker }
    overdue: new Set(), // 311 request ids with an overdue-311 alert
    halos: new Map(), // haloId -> { halo, circle }
    cells: new Map(), // windowDays/cell -> { cell, circle }
    alertCount: 0,
    liveCount: 0,
    streamId: null,
    lastSeq: 0,
    clock: null, // the newest event time seen, ISO string
    socket: null,
    attempt: 0,
    reconnectTimer: null,
    city: null, // city.js's description, once loaded
    zoneLayers: new Map(), // layer id -> { drawn: Leaflet layer or null, version }
    stopWatching: null,
};

const map = L.map('map', { zoomSnap: 0.25, preferCanvas: false });
createPanes(map);

const eventLayer = L.layerGroup().addTo(map);
const requestLayer = L.layerGroup().addTo(map);
const haloLayer = L.layerGroup().addTo(map);
const cellLayer = L.layerGroup().addTo(map);

// ---- Token ----------------------------------------------------------------------------------

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
    state.token = null;
    document.getElementById('zs-login-message').textContent = message;
    document.getElementById('zs-login').hidden = false;
    document.getElementById('zs-token-input').focus();
}

document.getElementById('zs-login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = document.getElementById('zs-token-input').value.trim();
    if (!token) {
        return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    document.getElementById('zs-login').hidden = true;
    start(token);
});

class Unauthorized extends Error {}

async function api(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${state.token}` } });
    if (response.status === 401) {
        throw new Unauthorized();
    }
    if (!response.ok) {
        throw new Error(`${path}: HTTP ${response.status}`);
    }
    return response.json();
}

// ---- Layers ---------------------------------------------------------------------------------

function checked(id) {
    const box = document.querySelector(`#zs-layers input[data-layer="${id}"]`);
    return Boolean(box && box.checked && !box.closest('li')?.hidden);
}

/** The subscribe message for the current toggles; kinds are left out when all are on. */
function subscribeMessage(resume) {
    const toggles = EVENT_TOGGLES.filter((t) => !t.tipsOnly || state.role === 'analyst' || state.role === 'admin');
    const on = toggles.filter((t) => checked(t.id));
    const message = { type: 'subscribe', messages: ['event', 'alert'] };
    if (on.length < toggles.length) {
        message.kinds = [...new Set(on.flatMap((t) => t.kinds))];
        if (message.kinds.length === 0) {
            message.kinds = ['NONE'];
        }
    }
    if (checked('halos')) {
        message.messages.push('halo');
    }
    if (checked('cells')) {
        message.messages.push('cell');
    }
    if (state.assignment) {
        message.zones = state.assignment;
    }
    if (resume && state.streamId) {
        message.resume = { streamId: state.streamId, afterSeq: state.lastSeq };
    }
    return message;
}

function resubscribe() {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
        state.socket.send(JSON.stringify(subscribeMessage(false)));
    }
}

function onToggle(e) {
    if (e.target.dataset.zoneLayer) {
        showZoneLayer(e.target.dataset.zoneLayer, e.target.checked);
        return;
    }
    const layer = e.target.dataset.layer;
    if (layer === 'REQUEST_311_OPEN' || layer === 'REQUEST_311_OVERDUE') {
        redrawRequests();
    }
    resubscribe();
}

/** ?zones=LAYER:ZONE,LAYER:ZONE limits the page to a dispatcher's assignment. */
function takeAssignmentFromUrl() {
    const raw = new URL(window.location.href).searchParams.get('zones');
    if (!raw) {
        return null;
    }
    const zones = {};
    for (const entry of raw.split(',')) {
        const at = entry.indexOf(':');
        if (at > 0) {
            (zones[entry.slice(0, at)] ||= []).push(entry.slice(at + 1));
        }
    }
    return Object.keys(zones).length ? zones : null;
}

// ---- Zone layers ----------------------------------------------------------------------------

/** Draws (fetching it the first time or after a new version) or hides a zone layer. */
async function showZoneLayer(id, show) {
    const entry = state.zoneLayers.get(id);
    if (!entry) {
        return;
    }
    if (!show) {
        if (entry.drawn) {
            map.removeLayer(entry.drawn);
        }
        return;
    }
    const layer = layerOf(state.city, id);
    if (entry.drawn && entry.drawnVersion === layer.version) {
        entry.drawn.addTo(map);
        return;
    }
    const geojson = await api(`/api/zones?layer=${encodeURIComponent(id)}`);
    if (entry.drawn) {
        map.removeLayer(entry.drawn);
    }
    entry.drawn = drawZoneLayer(map, state.city, id, geojson);
    entry.drawnVersion = layer.version;
    if (!zoneToggle(id)?.checked) {
        map.removeLayer(entry.drawn); // unticked while it loaded
    }
}

function zoneToggle(id) {
    return [...document.querySelectorAll('#zs-legend-zones input')]
        .find((box) => box.dataset.zoneLayer === id);
}

/** One toggle per layer the console holds, in its order; `on` lists the ids ticked. */
function renderZoneToggles(on) {
    const list = document.getElementById('zs-legend-zones');
    list.replaceChildren();
    for (const layer of state.city.layers) {
        const item = document.createElement('li');
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = on.has(layer.id);
        box.dataset.zoneLayer = layer.id;
        const swatch = document.createElement('span');
        swatch.className = 'zs-swatch-line';
        const focus = layer.id === state.city.focus;
        swatch.style.borderTop = `${focus ? 3 : 1}px solid ${layerColor(state.city, layer.id)}`;
        label.append(box, swatch, layer.title);
        item.appendChild(label);
        list.appendChild(item);
        if (!state.zoneLayers.has(layer.id)) {
            state.zoneLayers.set(layer.id, { drawn: null, drawnVersion: null });
        }
    }
}

function tickedZoneLayers() {
    return new Set([...document.querySelectorAll('#zs-legend-zones input')]
        .filter((box) => box.checked).map((box) => box.dataset.zoneLayer));
}

/** A layer was uploaded, edited or removed: new ones are shown and the map takes them in. */
async function onLayersChanged({ layers, added, changed, removed }) {
    state.city = withLayers(state.city, layers);
    setCity(state.city);
    const on = tickedZoneLayers();
    added.forEach((id) => on.add(id));
    for (const id of removed) {
        const entry = state.zoneLayers.get(id);
        if (entry && entry.drawn) {
            map.removeLayer(entry.drawn);
        }
        state.zoneLayers.delete(id);
    }
    renderZoneToggles(on);
    for (const id of [...added, ...changed]) {
        if (on.has(id)) {
            await showZoneLayer(id, true);
        }
    }
    if (added.length && state.city.bounds) {
        fitCity(leafletBounds(state.city.bounds));
    }
}

// ---- Items ----------------------------------------------------------------------------------

function advanceClock(iso) {
    if (iso && (!state.clock || iso > state.clock)) {
        state.clock = iso;
    }
}

function addEvent(event, isNew) {
    advanceClock(event.occurredAt);
    if (event.kind === 'REQUEST_311') {
        addRequest(event, isNew);
    } else if (!state.markers.has(event.eventId)) {
        const marker = eventMarker(event, isNew ? 'zs-new' : '');
        marker.addTo(eventLayer);
        state.markers.set(event.eventId, marker);
        while (state.markers.size > state.maxMarkers) {
            const [oldestId, oldest] = state.markers.entries().next().value;
            eventLayer.removeLayer(oldest);
            state.markers.delete(oldestId);
        }
    }
    document.getElementById('zs-last-event').textContent = formatTime(event.occurredAt);
}

/** One marker per 311 request at its latest status; a closed request leaves the map. */
function addRequest(event, isNew) {
    const id = event.recordId || event.eventId;
    const previous = state.requests.get(id);
    if (previous && previous.event.occurredAt > event.occurredAt) {
        return;
    }
    if (previous) {
        requestLayer.removeLayer(previous.marker);
        state.requests.delete(id);
    }
    if (String(event.status || '').startsWith('Closed')) {
        return;
    }
    state.requests.set(id, { event, marker: null, isNew });
    redrawRequest(id);
}

function redrawRequest(id) {
    const entry = state.requests.get(id);
    if (!entry) {
        return;
    }
    if (entry.marker) {
        requestLayer.removeLayer(entry.marker);
    }
    const overdue = state.overdue.has(id);
    const classes = [overdue ? 'zs-overdue' : 'zs-open', entry.isNew ? 'zs-new' : ''].join(' ').trim();
    entry.marker = eventMarker(entry.event, classes);
    if (checked(overdue ? 'REQUEST_311_OVERDUE' : 'REQUEST_311_OPEN')) {
        entry.marker.addTo(requestLayer);
    }
}

function redrawRequests() {
    for (const id of state.requests.keys()) {
        redrawRequest(id);
    }
}

function addHalo(halo) {
    advanceClock(halo.startsAt);
    if (state.halos.has(halo.haloId)) {
        return;
    }
    const circle = haloCircle(halo).addTo(haloLayer);
    state.halos.set(halo.haloId, { halo, circle });
}

/** Removes the halos that expired before the newest event time seen. */
function expireHalos() {
    for (const [id, { halo, circle }] of state.halos) {
        if (state.clock && halo.expiresAt <= state.clock) {
            haloLayer.removeLayer(circle);
            state.halos.delete(id);
        }
    }
}

function addCell(cell, isNew) {
    const key = `${cell.windowDays}d/${cell.cell}`;
    const previous = state.cells.get(key);
    if (previous) {
        cellLayer.removeLayer(previous.circle);
    }
    state.cells.set(key, { cell, circle: cellCircle(cell).addTo(cellLayer) });
    if (isNew && cell.change === 'TURNED_HOT') {
        showAlert({
            kind: 'zone-turning-hot',
            title: `Turned hot: ${String(cell.category || 'hot spot').replaceAll('_', ' ').toLowerCase()}`,
            at: cell.windowEnd,
            zones: cell.zones,
            lat: cell.lat,
            lon: cell.lon,
        }, true);
    }
}

function addAlert(alert, isNew) {
    advanceClock(alert.at);
    if (alert.type === 'overdue-311' && alert.subjectId) {
        state.overdue.add(alert.subjectId);
        redrawRequest(alert.subjectId);
    }
    showAlert({
        kind: alert.type,
        title: alertTitle(alert),
        at: alert.at,
        zones: alert.zones,
        lat: alert.lat,
        lon: alert.lon,
    }, isNew);
}

function showAlert(a, isNew) {
    const list = document.getElementById('zs-alert-list');
    const item = document.createElement('li');
    item.className = `zs-alert zs-alert-${a.kind}${isNew ? ' zs-new' : ''}`;
    item.append(
        textElement('strong', a.title),
        textElement('span', formatTime(a.at), 'zs-alert-when'),
        document.createTextNode(' · '),
        textElement('span', placeOf(a.zones), 'zs-alert-where'),
    );
    item.addEventListener('click', () => map.flyTo([a.lat, a.lon], 16));
    list.prepend(item);
    while (list.children.length > MAX_ALERTS) {
        list.lastElementChild.remove();
    }
    state.alertCount += 1;
    document.getElementById('zs-alert-count').textContent = String(state.alertCount);
    document.getElementById('zs-alerts-empty').hidden = true;
}

function clearAll() {
    for (const layer of [eventLayer, requestLayer, haloLayer, cellLayer]) {
        layer.clearLayers();
    }
    state.markers.clear();
    state.requests.clear();
    state.overdue.clear();
    state.halos.clear();
    state.cells.clear();
    state.alertCount = 0;
    document.getElementById('zs-alert-list').replaceChildren();
    document.getElementById('zs-alert-count').textContent = '0';
    document.getElementById('zs-alerts-empty').hidden = false;
}

function updateCounters() {
    document.getElementById('zs-count-live').textContent = state.liveCount.toLocaleString('en-US');
    const mapCount = (state.markers.size + state.requests.size).toLocaleString('en-US');
    document.getElementById('zs-count-map').textContent = mapCount;
}

function onMessage(message) {
    if (typeof message.seq === 'number') {
        if (message.seq <= state.lastSeq) {
            return; // already shown (a resume overlapping what arrived before the drop)
        }
        state.lastSeq = message.seq;
    }
    switch (message.type) {
        case 'snapshot':
            clearAll();
            state.streamId = message.streamId;
            state.lastSeq = message.lastSeq;
            message.alerts.forEach((a) => addAlert(a, false));
            message.cells.forEach((c) => addCell(c, false));
            message.halos.forEach((h) => addHalo(h));
            message.events.forEach((e) => addEvent(e, false));
            break;
        case 'resumed':
            state.streamId = message.streamId;
            break;
        case 'event':
            state.liveCount += 1;
            addEvent(message.event, true);
            break;
        case 'alert':
            addAlert(message.alert, true);
            break;
        case 'halo':
            addHalo(message.halo);
            break;
        case 'cell':
            addCell(message.cell, true);
            break;
        case 'error':
            console.error('live feed refused a message:', message.error);
            return;
        default:
            // A message type from a newer server: ignore it.
            return;
    }
    expireHalos();
    updateCounters();
}

// ---- Connection -----------------------------------------------------------------------------

function setStatus(stateName, text) {
    const el = document.getElementById('zs-status');
    el.dataset.state = stateName;
    document.getElementById('zs-status-text').textContent = text;
}

function connect() {
    clearTimeout(state.reconnectTimer);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const token = encodeURIComponent(state.token);
    const url = `${scheme}://${window.location.host}/ws/live?token=${token}`;
    setStatus('connecting', 'Connecting…');
    const socket = new WebSocket(url);
    state.socket = socket;
    socket.addEventListener('open', () => {
        state.attempt = 0;
        setStatus('live', 'Live');
        socket.send(JSON.stringify(subscribeMessage(true)));
    });
    socket.addEventListener('message', (e) => {
        try {
            onMessage(JSON.parse(e.data));
        } catch (err) {
            console.error('bad live message', err);
        }
    });
    socket.addEventListener('close', (e) => {
        if (state.socket !== socket) {
            return;
        }
        state.socket = null;
        if (e.code === WS_POLICY_VIOLATION) {
            setStatus('error', 'Token rejected');
            askForToken('The live feed rejected the token. Enter a valid token.');
            return;
        }
        scheduleReconnect();
    });
}

function scheduleReconnect() {
    const delay = RECONNECT_DELAYS_MS[Math.min(state.attempt, RECONNECT_DELAYS_MS.length - 1)];
    state.attempt += 1;
    setStatus('reconnecting', `Reconnecting in ${Math.round(delay / 1000)} s`);
    state.reconnectTimer = setTimeout(connect, delay);
}

// Fits the city between the header (top left) and the legend (bottom right).
function fitCity(bounds) {
    const header = document.querySelector('.zs-header').getBoundingClientRect();
    const legend = document.querySelector('.zs-legend').getBoundingClientRect();
    const mapBox = document.getElementById('map').getBoundingClientRect();
    const roomBeside = mapBox.width - header.right - (mapBox.right - legend.left);
    const options = roomBeside > 400
        ? {
            paddingTopLeft: [header.right + 12, 12],
            paddingBottomRight: [mapBox.right - legend.left + 12, 12],
        }
        : { padding: [12, 12] };
    map.fitBounds(bounds, options);
}

// ---- Start ----------------------------------------------------------------------------------

function renderLegend() {
    const list = document.getElementById('zs-legend-kinds');
    list.replaceChildren();
    for (const toggle of EVENT_TOGGLES) {
        const item = document.createElement('li');
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = true;
        box.dataset.layer = toggle.id;
        const swatch = document.createElement('span');
        swatch.className = `zs-swatch-dot ${toggle.swatchClass || ''}`.trim();
        swatch.style.background = toggle.color;
        label.append(box, swatch, toggle.label);
        item.appendChild(label);
        item.hidden = Boolean(toggle.tipsOnly); // shown once the role is known to see tips
        if (toggle.tipsOnly) {
            item.dataset.tipsOnly = 'true';
        }
        list.appendChild(item);
    }
    document.getElementById('zs-layers').addEventListener('change', onToggle);
}

/** The city's name in the title and header, when the console gives one. */
function nameTheCity(name) {
    if (name) {
        document.getElementById('zs-city-name').textContent = ` · ${name}`;
        document.title = `ZoneStat · Live operations · ${name}`;
        document.getElementById('map').setAttribute('aria-label', `Map of ${name} with live events`);
    }
}

async function start(token) {
    state.token = token;
    try {
        const firstStart = state.city === null;
        const city = await loadCity(api);
        const { config } = city;
        state.maxMarkers = config.maxMarkers;
        state.role = config.role;
        const seesTips = config.role === 'analyst' || config.role === 'admin';
        document.querySelectorAll('#zs-legend-kinds li[data-tips-only]').forEach((li) => {
            li.hidden = !seesTips;
        });
        if (firstStart) {
            state.city = city;
            setCity(city);
            nameTheCity(city.name);
            if (config.tileUrl) {
                L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 19 })
                    .addTo(map);
            }
            // The focus zones and the finest layer start shown; the others are a tick away.
            const on = new Set([city.focus, city.finest].filter(Boolean));
            renderZoneToggles(on);
            await Promise.all([...on].map((id) => showZoneLayer(id, true)));
            if (city.bounds) {
                fitCity(leafletBounds(city.bounds));
            }
            state.stopWatching = watchLayers(api, city, onLayersChanged);
        }
        connect();
    } catch (err) {
        if (err instanceof Unauthorized) {
            askForToken('That token was not accepted. Enter a valid token.');
        } else {
            console.error(err);
            setStatus('error', 'Could not load the map data');
        }
    }
}

renderLegend();
state.assignment = takeAssignmentFromUrl();
const initialToken = takeTokenFromUrl();
if (initialToken) {
    start(initialToken);
} else {
    askForToken('Enter the access token you were given.');
}
