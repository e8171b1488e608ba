// The anonymous tip page: a category, a place (a tap on the map or a neighborhood's name), an
// optional time and the text; POST /api/tips, then the tip number and the secret phrase, once.
// No token, no cookie, no storage: nothing about the tipster is kept in the browser either.

import { postJson } from './tip-api.js';

let chosen = null;

function localWithOffset(value) {
    // <input type="datetime-local"> has no offset: add the browser's.
    const d = new Date(value);
    const minutes = -d.getTimezoneOffset();
    const sign = minutes >= 0 ? '+' : '-';
    const pad = (n) => String(Math.abs(n)).padStart(2, '0');
    return value + ':00' + sign + pad(Math.trunc(minutes / 60)) + ':' + pad(minutes % 60);
}

async function drawMap() {
    const map = L.map('zs-tip-map', { zoomControl: true, attributionControl: false });
    const marker = L.circleMarker([0, 0], { radius: 10, color: '#5b2a86', weight: 3 });
    const response = await fetch('/api/tips/map', { credentials: 'omit' });
    const areas = L.geoJSON(await response.json(), {
        style: { color: '#5b6470', weight: 1, fillOpacity: 0.05 },
    }).addTo(map);
    map.fitBounds(areas.getBounds());
    map.on('click', (e) => {
        chosen = { lat: e.latlng.lat, lon: e.latlng.lng };
        marker.setLatLng(e.latlng).addTo(map);
        document.getElementById('zs-tip-where').textContent =
            'Place chosen on the map (it is kept only to about 100 m).';
        document.getElementById('zs-tip-where').dataset.chosen = 'true';
    });
}

function send(event) {
    event.preventDefault();
    const error = document.getElementById('zs-tip-error');
    error.hidden = true;
    const when = document.getElementById('zs-tip-when').value;
    const place = document.getElementById('zs-tip-place').value.trim();
    const body = {
        category: document.getElementById('zs-tip-category').value || null,
        text: document.getElementById('zs-tip-text').value.trim() || null,
        seenAt: when ? localWithOffset(when) : null,
    };
    if (chosen) {
        body.lat = chosen.lat;
        body.lon = chosen.lon;
    } else if (place) {
        body.place = place;
    }
    const button = document.getElementById('zs-tip-send');
    button.disabled = true;
    postJson('/api/tips', body)
        .then((receipt) => {
            document.getElementById('zs-tip-form').hidden = true;
            document.getElementById('zs-tip-number').textContent = receipt.tipNumber;
            document.getElementById('zs-tip-phrase').textContent = receipt.phrase;
            document.getElementById('zs-tip-receipt').hidden = false;
        })
        .catch((e) => {
            error.textContent = e.message;
            error.hidden = false;
        })
        .finally(() => {
            button.disabled = false;
        });
}

document.getElementById('zs-tip-form').addEventListener('submit', send);
window.addEventListener('load', () => {
    drawMap().catch(() => {
        document.getElementById('zs-tip-where').textContent =
            'The map could not load: name the neighborhood below.';
    });
});
