// The handheld view of one unit: its zones, alerts near it or in its zones, nearby halos and hot
// cells, and how long it has been in the box it is in. The server decides what is sent (by the
// unit's assignment and position); this page only draws it.
import { takeToken, forgetToken, askForToken, api } from './token.js';

const MAX_ALERTS = 50;
const state = {
    token: null, unit: null, timeZone: 'UTC', assignment: [], focusLayer: null,
    visits: new Map(), // layer -> {zone, since}
    lastFix: null, lastFixSeenAt: 0, lastSeq: 0,
    alerts: new Map(), // id -> item
    map: null, zoneLayer: null, me: null, markers: new Map(), areas: new Map(),
};

function formatClock(iso) {
    return new Date(iso).toLocaleTimeString('en-US', {
        timeZone: state.timeZone, hour: '2-digit', minute: '2-digit', hour12: false,
    });
}

function metres(a, b) {
    const r = 6371008.8, rad = Math.PI / 180;
    const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
    const h = Math.sin(dLat / 2) ** 2 +
        Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * r * Math.asin(Math.sqrt(h));
}

function distanceText(item) {
    if (!state.lastFix) return '';
    const m = metres(state.lastFix, item);
    return m < 1000 ? Math.round(m / 10) * 10 + ' m away' : (m / 1000).toFixed(1) + ' km away';
}

function setStatus(text, s) {
    const el = document.getElementById('zs-field-status');
    el.textContent = text;
    el.dataset.state = s;
}

/** The box the timer is about: the first assigned layer's visit, else a hot cell, else any. */
function currentVisit() {
    if (state.focusLayer && state.visits.has(state.focusLayer)) {
        return [state.focusLayer, state.visits.get(state.focusLayer)];
    }
    if (state.visits.has('hot-cells')) return ['hot-cells', state.visits.get('hot-cells')];
    for (const [layer, v] of state.visits) {
        if (state.assignment.some((a) => a.layer === layer && a.zone === v.zone)) return [layer, v];
    }
    return null;
}

function renderTimer() {
    const box = document.getElementById('zs-field-box');
    const timer = document.getElementById('zs-field-timer');
    const visit = currentVisit();
    if (!visit) {
        box.textContent = 'Not in an assigned zone';
        timer.textContent = '–:–';
        timer.dataset.seconds = '';
        return;
    }
    const [layer, v] = visit;
    box.textContent = (layer === 'hot-cells' ? 'In hot cell ' : 'In ') + v.zone + ' since ' + formatClock(v.since);
    // The unit's own clock: its latest fix, moved on by the time since it arrived.
    const now = state.lastFix
        ? Date.parse(state.lastFix.at) + (Date.now() - state.lastFixSeenAt)
        : Date.now();
    const seconds = Math.max(0, Math.floor((now - Date.parse(v.since)) / 1000));
    const mm = Math.floor(seconds / 60), ss = String(seconds % 60).padStart(2, '0');
    timer.textContent = mm + ':' + ss;
    timer.dataset.seconds = String(seconds);
}

function renderUnit(u) {
    state.lastFix = u;
    state.lastFixSeenAt = Date.now();
    const pill = document.getElementById('zs-field-unit-status');
    pill.textContent = u.status || '';
    pill.dataset.status = u.status || '';
    if (state.map && window.L) {
        if (!state.me) {
            state.me = L.circleMarker([u.lat, u.lon], {
                radius: 11, color: '#000', weight: 3, fillColor: '#ffffff', fillOpacity: 1,
                className: 'zs-field-me',
            }).addTo(state.map);
        } else {
            state.me.setLatLng([u.lat, u.lon]);
        }
    }
}

function describe(item) {
    if (item.kindOf === 'alert') {
        const a = item.value;
        const what = {
            'violence': a.category === 'HOMICIDE' ? 'Homicide' : 'Shooting',
            'near-repeat': 'Near repeat: ' + (a.category || '').toLowerCase(),
            'overdue-311': '311 overdue',
        }[a.type] || a.type;
        return { id: a.alertId, what, at: a.at, lon: a.lon, lat: a.lat, zones: a.zones };
    }
    const e = item.value;
    const what = e.kind.charAt(0) + e.kind.slice(1).toLowerCase().replace(/_/g, ' ');
    return { id: e.eventId, what, at: e.occurredAt, lon: e.lon, lat: e.lat, zones: e.zones };
}

function zoneText(zones) {
    for (const a of state.assignment) {
        if (zones && zones[a.layer] === a.zone) return 'In ' + a.zone;
    }
    const first = zones && Object.values(zones)[0];
    return first ? 'Near, in ' + first : 'Nearby';
}

function addAlert(kindOf, value, fresh) {
    const d = describe({ kindOf, value });
    if (state.alerts.has(d.id)) return;
    state.alerts.set(d.id, d);
    const list = document.getElementById('zs-field-alerts');
    const li = document.createElement('li');
    li.className = 'zs-field-alert zs-field-' + kindOf + (fresh ? ' zs-new' : '');
    li.dataset.id = d.id;
    const strong = document.createElement('strong');
    strong.textContent = d.what;
    const where = document.createElement('div');
    where.className = 'zs-field-where';
    where.textContent = zoneText(d.zones) + (state.lastFix ? ' · ' + distanceText(d) : '');
    const when = document.createElement('div');
    when.className = 'zs-field-when';
    when.textContent = formatClock(d.at);
    li.append(strong, where, when);
    list.prepend(li);
    while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
    document.getElementById('zs-field-count').textContent = String(list.children.length);
    if (state.map && window.L) {
        state.markers.set(d.id, L.circleMarker([d.lat, d.lon], {
            radius: 9, color: '#fff', weight: 2, fillColor: '#ff2020', fillOpacity: 1,
            className: 'zs-field-alert-marker',
        }).addTo(state.map));
    }
}

function addArea(id, lon, lat, radius, colour, dashed) {
    if (!state.map || !window.L || state.areas.has(id)) return;
    state.areas.set(id, L.circle([lat, lon], {
        radius, color: colour, weight: 3, fill: false, dashArray: dashed ? '8 6' : null,
    }).addTo(state.map));
}

function applyTransition(t) {
    if (t.transition === 'ENTER') state.visits.set(t.layer, { zone: t.zone, since: t.at });
    if (t.transition === 'EXIT') {
        const v = state.visits.get(t.layer);
        if (v && v.zone === t.zone) state.visits.delete(t.layer);
    }
    renderTimer();
}

function onMessage(m) {
    if (m.seq && m.seq <= state.lastSeq) return;
    if (m.seq) state.lastSeq = m.seq;
    switch (m.type) {
        case 'snapshot':
            state.lastSeq = m.lastSeq;
            (m.units || []).forEach(renderUnit);
            (m.events || []).forEach((e) => addAlert('event', e, false));
            (m.alerts || []).forEach((a) => addAlert('alert', a, false));
            (m.halos || []).forEach((h) => addArea(h.haloId, h.lon, h.lat, h.radiusMeters, '#ff8c00', true));
            (m.cells || []).forEach((c) => addArea(c.cell, c.lon, c.lat, 250, '#ffd400', false));
            (m.transitions || []).forEach(applyTransition);
            break;
        case 'unit': renderUnit(m.unit); break;
        case 'transition': applyTransition(m.transition); break;
        case 'event': addAlert('event', m.event, true); break;
        case 'alert': addAlert('alert', m.alert, true); break;
        case 'halo': addArea(m.halo.haloId, m.halo.lon, m.halo.lat, m.halo.radiusMeters, '#ff8c00', true); break;
        case 'cell': addArea(m.cell.cell, m.cell.lon, m.cell.lat, 250, '#ffd400', false); break;
        default: break;
    }
    renderTimer();
}

let retry = 0;
function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(scheme + '//' + location.host + '/ws/field?token=' + encodeURIComponent(state.token));
    setStatus('Connecting…', 'connecting');
    ws.onopen = () => { retry = 0; setStatus('Live', 'live'); };
    ws.onmessage = (e) => onMessage(JSON.parse(e.data));
    ws.onclose = (e) => {
        if (e.code === 1008) { forgetToken(); askForToken('That token was refused.', start); return; }
        const wait = [1, 2, 4, 8, 15, 30][Math.min(retry++, 5)];
        setStatus('Reconnecting in ' + wait + ' s', 'lost');
        setTimeout(connect, wait * 1000);
    };
}

async function start(token) {
    state.token = token;
    let view;
    try {
        view = await api('/api/field', token);
    } catch (e) {
        if (e.status === 401) { forgetToken(); askForToken('That token was refused.', start); return; }
        setStatus('Cannot reach the console', 'lost');
        return;
    }
    state.unit = view.unit;
    state.timeZone = view.timeZone;
    state.assignment = view.assignment || [];
    state.focusLayer = state.assignment.length ? state.assignment[0].layer : null;
    (view.visits || []).forEach((v) => state.visits.set(v.layer, { zone: v.zone, since: v.since }));
    document.getElementById('zs-field-unit').textContent = view.unit;
    document.getElementById('zs-field-assignment').textContent = state.assignment.length
        ? 'Assigned: ' + state.assignment.map((a) => a.zone).join(', ')
        : 'No assignment';
    if (window.L) {
        state.map = L.map('zs-field-map', { zoomControl: false, attributionControl: false });
        state.zoneLayer = L.geoJSON(view.zones, {
            style: { color: '#ffd400', weight: 4, fillColor: '#ffd400', fillOpacity: 0.08, className: 'zs-field-zone' },
        }).addTo(state.map);
        const bounds = state.zoneLayer.getBounds();
        if (bounds.isValid()) state.map.fitBounds(bounds, { padding: [8, 8] });
        else if (view.position) state.map.setView([view.position.lat, view.position.lon], 14);
        else state.map.setView([0, 0], 2);
    }
    if (view.position) renderUnit(view.position);
    renderTimer();
    setInterval(renderTimer, 1000);
    connect();
}

window.addEventListener('DOMContentLoaded', () => {
    const token = takeToken();
    if (token) start(token);
    else askForToken('Enter the token of this handheld.', start);
});
