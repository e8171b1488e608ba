// ZoneStat live operations map: zone polygons as the base map, live events from /ws/live on top.
// Plain ES module; Leaflet is the global L loaded by index.html.

const TOKEN_KEY = 'zonestat.token';
const BALTIMORE_TZ = 'America/New_York';
const RECONNECT_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const WS_POLICY_VIOLATION = 1008;

// Marker style per event kind. Kinds not listed here (added upstream later) are drawn grey.
const OTHER_INCIDENT = { color: '#7f1d1d', radius: 5, label: 'Other incident' };
const KIND_STYLES = {
    HOMICIDE: { color: '#d62728', radius: 8, label: 'Homicide' },
    SHOOTING: { color: '#f28c28', radius: 7, label: 'Shooting' },
    AGGRAVATED_ASSAULT: OTHER_INCIDENT,
    ROBBERY: OTHER_INCIDENT,
    OTHER_VIOLENT: OTHER_INCIDENT,
    OTHER: OTHER_INCIDENT,
    REQUEST_311: { color: '#1f66c1', radius: 5, label: '311 request' },
    TIP: { color: '#7b3fa0', radius: 6, label: 'Tip' },
};
const UNKNOWN_KIND = { color: '#6b7280', radius: 5, label: 'Other' };
const LEGEND_KINDS = ['HOMICIDE', 'SHOOTING', 'ROBBERY', 'REQUEST_311', 'TIP'];

// Distinct, readable outline colours for the VRI zones.
const VRI_PALETTE = ['#3d5a80', '#9c2c77', '#2a7f62', '#b8570b', '#5b4bb7', '#a0302c',
    '#1d7a99', '#6b6f1d', '#8f3fb0', '#2f6f2f'];

const state = {
    token: null,
    maxMarkers: 1000,
    markers: new Map(), // eventId -> circle marker, oldest first
    liveCount: 0,
    socket: null,
    attempt: 0,
    reconnectTimer: null,
    zonesDrawn: false,
};

const map = L.map('map', { zoomSnap: 0.25, preferCanvas: false });
map.createPane('zs-neighborhoods').style.zIndex = 350;
map.createPane('zs-vri').style.zIndex = 360;
// Zone labels sit under the events so a label never hides a marker.
map.createPane('zs-labels').style.zIndex = 400;
map.getPane('zs-labels').style.pointerEvents = 'none';
map.createPane('zs-events').style.zIndex = 450;
map.setView([39.29, -76.61], 12);

const eventLayer = L.layerGroup().addTo(map);

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

// ---- Zones ----------------------------------------------------------------------------------

function textElement(tag, text, className) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) {
        el.className = className;
    }
    return el;
}

function drawNeighborhoods(geojson) {
    return L.geoJSON(geojson, {
        pane: 'zs-neighborhoods',
        style: () => ({
            className: 'zs-zone zs-layer-neighborhoods',
            color: '#8a9199',
            weight: 0.8,
            fillColor: '#ffffff',
            fillOpacity: 0.7,
        }),
        onEachFeature: (feature, layer) => {
            layer.bindTooltip(textElement('span', feature.properties.name), { sticky: true });
        },
    }).addTo(map);
}

function drawVriZones(geojson) {
    return L.geoJSON(geojson, {
        pane: 'zs-vri',
        style: (feature) => {
            const color = VRI_PALETTE[feature.properties.index % VRI_PALETTE.length];
            return {
                className: 'zs-zone zs-layer-vri-zones',
                color,
                weight: 3,
                fillColor: color,
                fillOpacity: 0.07,
            };
        },
        onEachFeature: (feature, layer) => {
            layer.bindTooltip(textElement('span', feature.properties.name), {
                permanent: true,
                direction: 'center',
                className: 'zs-zone-label',
                pane: 'zs-labels',
            });
        },
    }).addTo(map);
}

// ---- Events ---------------------------------------------------------------------------------

function kindStyle(kind) {
    return KIND_STYLES[kind] || UNKNOWN_KIND;
}

function kindClass(kind) {
    return `zs-kind-${String(kind).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return iso;
    }
    return date.toLocaleString('en-US', {
        timeZone: BALTIMORE_TZ, dateStyle: 'medium', timeStyle: 'short',
    });
}

function popupFor(event) {
    const root = document.createElement('div');
    root.className = 'zs-popup';
    root.appendChild(textElement('h3', kindStyle(event.kind) === UNKNOWN_KIND
        ? event.kind : `${kindStyle(event.kind).label} · ${event.kind}`));
    const list = document.createElement('dl');
    const row = (label, value) => {
        if (value === null || value === undefined || value === '') {
            return;
        }
        list.appendChild(textElement('dt', label));
        list.appendChild(textElement('dd', String(value)));
    };
    row('Type', event.type);
    row('Status', event.status);
    row('Time', `${formatTime(event.occurredAt)} (Baltimore)`);
    row('Address', event.address);
    for (const [layer, zone] of Object.entries(event.zones || {})) {
        row(layer, zone);
    }
    row('Source', `${event.source || ''} ${event.recordId || ''}`.trim());
    root.appendChild(list);
    return root;
}

function addEvent(event, isNew) {
    if (state.markers.has(event.eventId)) {
        return;
    }
    const style = kindStyle(event.kind);
    const marker = L.circleMarker([event.lat, event.lon], {
        pane: 'zs-events',
        className: `zs-event ${kindClass(event.kind)}${isNew ? ' zs-new' : ''}`,
        radius: style.radius,
        color: '#ffffff',
        weight: 1.5,
        fillColor: style.color,
        fillOpacity: 0.9,
    });
    marker.bindPopup(() => popupFor(event));
    marker.addTo(eventLayer);
    state.markers.set(event.eventId, marker);
    while (state.markers.size > state.maxMarkers) {
        const [oldestId, oldest] = state.markers.entries().next().value;
        eventLayer.removeLayer(oldest);
        state.markers.delete(oldestId);
    }
    document.getElementById('zs-last-event').textContent = formatTime(event.occurredAt);
}

function updateCounters() {
    document.getElementById('zs-count-live').textContent = state.liveCount.toLocaleString('en-US');
    const mapCount = state.markers.size.toLocaleString('en-US');
    document.getElementById('zs-count-map').textContent = mapCount;
}

function onMessage(message) {
    switch (message.type) {
        case 'snapshot':
            eventLayer.clearLayers();
            state.markers.clear();
            message.events.forEach((e) => addEvent(e, false));
            break;
        case 'event':
            state.liveCount += 1;
            addEvent(message.event, true);
            break;
        default:
            // A message type from a newer server: ignore it.
            return;
    }
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
    for (const kind of LEGEND_KINDS) {
        const style = KIND_STYLES[kind];
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'zs-swatch-dot';
        swatch.style.background = style.color;
        item.append(swatch, style.label);
        list.appendChild(item);
    }
}

async function start(token) {
    state.token = token;
    try {
        const config = await api('/api/config');
        state.maxMarkers = config.maxMarkers;
        if (config.tileUrl && !state.zonesDrawn) {
            L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 19 })
                .addTo(map);
        }
        if (!state.zonesDrawn) {
            const [hoods, vri] = await Promise.all([
                api('/api/zones?layer=neighborhoods'),
                api('/api/zones?layer=vri-zones'),
            ]);
            const city = drawNeighborhoods(hoods);
            drawVriZones(vri);
            fitCity(city.getBounds());
            state.zonesDrawn = true;
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
const initialToken = takeTokenFromUrl();
if (initialToken) {
    start(initialToken);
} else {
    askForToken('Enter the access token you were given.');
}
