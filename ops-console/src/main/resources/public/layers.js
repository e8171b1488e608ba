// Drawing shared by the live page (app.js) and the replay page (replay.js): zone layers, event
// markers, risk halos, hot cells and alert texts. Leaflet is the global L. Which layers there are,
// which one holds the focus zones and the city's time zone come from the server (city.js): nothing
// here names a city, a layer or a place.

// The city's time zone for every time shown (setCity); the browser's own until it is known.
let cityTimeZone;
// The layers that name a place, most telling first: the focus layer, then the finest (setCity).
let placeLayers = [];

// Marker style per event kind. Kinds not listed here (added upstream later) are drawn grey.
const OTHER_INCIDENT = { color: '#7f1d1d', radius: 5, label: 'Other incident' };
export const KIND_STYLES = {
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

// Emerging hot-spot classes: hot ones in reds and oranges, cold ones in blues.
export const CELL_COLORS = {
    NEW_HOT_SPOT: '#ef4444',
    CONSECUTIVE_HOT_SPOT: '#dc2626',
    INTENSIFYING_HOT_SPOT: '#991b1b',
    PERSISTENT_HOT_SPOT: '#b45309',
    DIMINISHING_HOT_SPOT: '#f472b6',
    SPORADIC_HOT_SPOT: '#f97316',
    OSCILLATING_HOT_SPOT: '#a855f7',
    HISTORICAL_HOT_SPOT: '#a16207',
};
const COLD_CELL = '#2563eb';
const OTHER_CELL = '#9ca3af';
// An H3 resolution-9 cell is about 174 m from centre to corner.
const CELL_RADIUS_METERS = 175;

// Distinct, readable outline colours for the focus zones.
const FOCUS_PALETTE = ['#3d5a80', '#9c2c77', '#2a7f62', '#b8570b', '#5b4bb7', '#a0302c',
    '#1d7a99', '#6b6f1d', '#8f3fb0', '#2f6f2f'];
// Thin outline colours of the other layers, by their place in /api/layers; the finest layer is grey.
const OUTLINE_COLORS = ['#8a9199', '#5f7f9f', '#9f7f5f', '#7f9f6f', '#8f6f9f', '#6f8f8f'];

/** Takes the city's time zone and place layers from city.js's description. */
export function setCity(city) {
    cityTimeZone = city.timeZone || undefined;
    placeLayers = [city.focus, city.finest].filter(Boolean);
}

/** The colour a layer's outlines are drawn in (and its legend swatch). */
export function layerColor(city, layerId) {
    if (layerId === city.focus) {
        return FOCUS_PALETTE[0];
    }
    if (layerId === city.finest) {
        return OUTLINE_COLORS[0];
    }
    const index = city.layers.findIndex((l) => l.id === layerId);
    return OUTLINE_COLORS[1 + (Math.max(index, 0) % (OUTLINE_COLORS.length - 1))];
}

export function textElement(tag, text, className) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) {
        el.className = className;
    }
    return el;
}

export function kindStyle(kind) {
    return KIND_STYLES[kind] || UNKNOWN_KIND;
}

export function kindClass(kind) {
    return `zs-kind-${String(kind).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return iso;
    }
    return date.toLocaleString('en-US', {
        timeZone: cityTimeZone, dateStyle: 'medium', timeStyle: 'short',
    });
}

/** The short name of the city's time zone at an instant, e.g. EDT. */
export function zoneName(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return '';
    }
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: cityTimeZone, timeZoneName: 'short' })
        .formatToParts(date);
    return (parts.find((p) => p.type === 'timeZoneName') || { value: '' }).value;
}

/** The calendar date (YYYY-MM-DD) of an instant in ms, in the city's time zone. */
export function cityDate(ms) {
    return new Date(ms).toLocaleDateString('en-CA', { timeZone: cityTimeZone });
}

/** The ISO week (2018-W27) of a YYYY-MM-DD date. */
export function isoWeek(isoDate) {
    const date = new Date(`${isoDate}T00:00:00Z`);
    const thursday = new Date(date);
    thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
    const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
    const week = 1 + Math.floor((thursday - yearStart) / (7 * 86400000));
    return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Draws a zone layer: the focus zones in bold colours with permanent labels, any other layer as
 * thin outlines named on hover. Paths carry the classes zs-zone and zs-layer-<layer id>.
 */
export function drawZoneLayer(map, city, layerId, geojson) {
    const className = `zs-zone zs-layer-${layerId.replace(/[^a-z0-9-]/g, '_')}`;
    if (layerId !== city.focus) {
        const color = layerColor(city, layerId);
        const finest = layerId === city.finest;
        return L.geoJSON(geojson, {
            pane: 'zs-zones',
            style: () => ({
                className,
                color,
                weight: finest ? 0.8 : 1.5,
                fillColor: '#ffffff',
                fillOpacity: finest ? 0.7 : 0,
            }),
            onEachFeature: (feature, layer) => {
                layer.bindTooltip(textElement('span', feature.properties.name), { sticky: true });
            },
        }).addTo(map);
    }
    return L.geoJSON(geojson, {
        pane: 'zs-focus',
        style: (feature) => {
            const color = FOCUS_PALETTE[feature.properties.index % FOCUS_PALETTE.length];
            return {
                className,
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

/** Creates the panes every map page uses, in drawing order. */
export function createPanes(map) {
    map.createPane('zs-zones').style.zIndex = 350;
    map.createPane('zs-focus').style.zIndex = 360;
    map.createPane('zs-risk').style.zIndex = 380;
    // Zone labels sit under the events so a label never hides a marker.
    map.createPane('zs-labels').style.zIndex = 400;
    map.getPane('zs-labels').style.pointerEvents = 'none';
    map.createPane('zs-events').style.zIndex = 450;
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
    row('Time', `${formatTime(event.occurredAt)} ${zoneName(event.occurredAt)}`.trim());
    row('Address', event.address);
    for (const [layer, zone] of Object.entries(event.zones || {})) {
        row(layer, zone);
    }
    row('Source', `${event.source || ''} ${event.recordId || ''}`.trim());
    root.appendChild(list);
    return root;
}

export function eventMarker(event, extraClass) {
    const style = kindStyle(event.kind);
    const marker = L.circleMarker([event.lat, event.lon], {
        pane: 'zs-events',
        className: `zs-event ${kindClass(event.kind)}${extraClass ? ` ${extraClass}` : ''}`,
        radius: style.radius,
        color: '#ffffff',
        weight: 1.5,
        fillColor: style.color,
        fillOpacity: 0.9,
    });
    marker.bindPopup(() => popupFor(event));
    return marker;
}

export function haloCircle(halo) {
    const circle = L.circle([halo.lat, halo.lon], {
        pane: 'zs-risk',
        className: 'zs-halo',
        radius: halo.radiusMeters,
        color: '#f28c28',
        weight: 1,
        dashArray: '4 3',
        fillColor: '#f28c28',
        fillOpacity: 0.15,
    });
    circle.bindTooltip(`Near-repeat risk until ${formatTime(halo.expiresAt)}`);
    return circle;
}

export function cellColor(cell) {
    if (CELL_COLORS[cell.category]) {
        return CELL_COLORS[cell.category];
    }
    return String(cell.status).toUpperCase() === 'COLD' || String(cell.category).includes('COLD')
        ? COLD_CELL : OTHER_CELL;
}

export function cellCircle(cell) {
    const color = cellColor(cell);
    const category = String(cell.category || 'NONE').replace(/[^A-Z_]/g, '_');
    const circle = L.circle([cell.lat, cell.lon], {
        pane: 'zs-risk',
        className: `zs-cell zs-cell-${category}`,
        radius: CELL_RADIUS_METERS,
        color,
        weight: 1,
        fillColor: color,
        fillOpacity: 0.35,
    });
    circle.bindTooltip(`${category.replaceAll('_', ' ').toLowerCase()} · `
        + `${cell.shootings} shootings, ${cell.homicides} homicides in ${cell.windowDays} days`);
    return circle;
}

/** The place of an alert or cell for people: its focus zone, then its zone in the finest layer. */
export function placeOf(zones) {
    const parts = placeLayers.map((layer) => zones && zones[layer]).filter(Boolean);
    return parts.length ? parts.join(' · ') : 'outside the zones';
}

const ALERT_TITLES = {
    'near-repeat': (a) => `${kindStyle(a.category).label} near a recent one`
        + (a.distanceMeters != null ? ` (${Math.round(a.distanceMeters)} m)` : ''),
    'overdue-311': (a) => `311 overdue: ${a.category || 'request'}${a.priority ? ' (focus zone)' : ''}`,
    'tip-match': (a) => `Tip matches an incident: ${a.category || ''}`.trim(),
};

export function alertTitle(alert) {
    const title = ALERT_TITLES[alert.type];
    return title ? title(alert) : alert.type;
}
