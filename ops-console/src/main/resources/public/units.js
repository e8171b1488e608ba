// Units on the live map and the transitions feed: unit positions (status colours), monitored
// devices for analysts who ask for them, and each ENTER / EXIT / CROSS as a line in the feed.
// Imported by app.js; Leaflet is the global L.

import { formatTime, textElement } from './layers.js';

const STATUS_COLOURS = { available: '#16a34a', busy: '#ea8a00', 'off-duty': '#8a8a8a' };
const MONITORED_COLOUR = '#7c3aed';
const MAX_TRANSITIONS = 40;
const VERBS = { ENTER: 'entered', EXIT: 'left', CROSS: 'crossed' };

/** A CSS-safe class for a device id. */
function idClass(deviceId) {
    return 'zs-unit-id-' + String(deviceId).replace(/[^A-Za-z0-9_-]/g, '_');
}

export function createUnits(map) {
    const layer = L.layerGroup().addTo(map);
    const markers = new Map(); // deviceId -> { marker, unit }
    let shown = 0;

    function style(u) {
        const monitored = u.kind === 'monitored';
        const colour = monitored ? MONITORED_COLOUR : (STATUS_COLOURS[u.status] || STATUS_COLOURS.available);
        return {
            radius: monitored ? 6 : 8,
            color: '#ffffff',
            weight: 2,
            fillColor: colour,
            fillOpacity: 0.95,
            className: `zs-unit zs-unit-${monitored ? 'monitored' : (u.status || 'available')} ${idClass(u.deviceId)}`,
        };
    }

    function popup(u) {
        const div = document.createElement('div');
        div.append(
            textElement('strong', u.deviceId),
            document.createElement('br'),
            document.createTextNode(u.kind === 'monitored'
                ? 'monitored device'
                : `${u.team || 'patrol'} · ${u.status || 'available'}`),
            document.createElement('br'),
            document.createTextNode(formatTime(u.at)),
        );
        return div;
    }

    function place(u) {
        const known = markers.get(u.deviceId);
        if (known && Date.parse(known.unit.at) >= Date.parse(u.at)) {
            return;
        }
        if (known) {
            // Leaflet sets a path's class once: a new status or kind draws a new marker.
            if (known.unit.status === u.status && known.unit.kind === u.kind) {
                known.marker.setLatLng([u.lat, u.lon]);
                known.marker.setPopupContent(popup(u));
                known.unit = u;
                return;
            }
            layer.removeLayer(known.marker);
        }
        const marker = L.circleMarker([u.lat, u.lon], style(u)).bindPopup(popup(u));
        marker.addTo(layer);
        markers.set(u.deviceId, { marker, unit: u });
        shown = markers.size;
        const count = document.getElementById('zs-count-units');
        if (count) count.textContent = String(shown);
    }

    function transition(t) {
        const list = document.getElementById('zs-transitions-list');
        if (!list) return;
        const where = t.layer === 'hot-cells' ? `hot cell ${t.zone.slice(0, 9)}…` : t.zone;
        const item = document.createElement('li');
        item.className = `zs-transition zs-transition-${t.transition}`;
        item.append(
            textElement('strong', `${t.deviceId} ${VERBS[t.transition] || t.transition} ${where}`),
            textElement('span', ' ' + formatTime(t.at)
                + (t.minutes != null ? ` · ${t.minutes} min` : '')
                + (t.reason ? ` · ${t.reason}` : ''), 'zs-transition-when'),
        );
        item.addEventListener('click', () => map.flyTo([t.lat, t.lon], 16));
        list.prepend(item);
        while (list.children.length > MAX_TRANSITIONS) list.lastElementChild.remove();
        document.getElementById('zs-transitions-empty').hidden = true;
    }

    return {
        /** What to ask the server for, given the toggles. */
        messages(showUnits, showMonitored) {
            const m = [];
            if (showUnits) m.push('unit', 'transition');
            if (showMonitored) m.push('monitored');
            return m;
        },
        clear() {
            layer.clearLayers();
            markers.clear();
            const list = document.getElementById('zs-transitions-list');
            if (list) list.replaceChildren();
        },
        snapshot(message) {
            (message.units || []).forEach(place);
            (message.transitions || []).forEach(transition);
        },
        /** Handles a unit, monitored or transition message; false for other types. */
        handle(message) {
            switch (message.type) {
                case 'unit':
                case 'monitored':
                    place(message.unit);
                    return true;
                case 'transition':
                    transition(message.transition);
                    return true;
                default:
                    return false;
            }
        },
    };
}
