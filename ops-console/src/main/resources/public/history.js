// History loads for staff: each backfill and reprocess with its state, a progress bar (records
// processed of the total expected), rate, time left and, when done, its reconciliation. Data from
// GET /api/history/loads, polled every two seconds.
import { takeToken, forgetToken, askForToken, api, el } from './token.js';

const REFRESH_MS = 2000;
let timer = null;

function clock(seconds) {
    const s = Math.round(seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const ss = String(s % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function progressCell(load) {
    const td = el('td');
    const bar = document.createElement('progress');
    bar.max = 1;
    if (load.total > 0) {
        bar.value = load.state === 'done' ? 1 : Math.min(1, load.records / load.total);
    } else if (load.state === 'done') {
        bar.value = 1;
    }
    td.append(bar);
    let text = ` ${load.records.toLocaleString()}`;
    if (load.total > 0) {
        text += ` of ${load.total.toLocaleString()}`;
    }
    if (load.secondsLeft !== null && load.secondsLeft !== undefined && load.state === 'running') {
        text += ` · ${clock(load.secondsLeft)} left`;
    }
    td.append(document.createTextNode(text));
    return td;
}

function counts(load) {
    if (load.state === 'failed') {
        return load.detail || 'failed';
    }
    const r = load.reconciliation;
    if (!r) {
        return '';
    }
    const rejected = Object.entries(r.rejected).map(([k, v]) => `${k} ${v.toLocaleString()}`);
    const total = Object.values(r.rejected).reduce((a, b) => a + b, 0);
    return `in ${r.loadedIn.toLocaleString()} · accepted ${r.eventsWritten.toLocaleString()}`
        + ` · rejected ${total.toLocaleString()}${rejected.length ? ' (' + rejected.join(', ') + ')' : ''}`
        + ` · zone-days ${r.zoneDaysWritten.toLocaleString()}`;
}

async function load(token) {
    let body;
    try {
        body = await api('/api/history/loads', token);
    } catch (e) {
        if (e.status === 401 || e.status === 403) {
            clearInterval(timer);
            forgetToken();
            askForToken(e.status === 403 ? 'Only staff see history loads.' : 'That token was refused.', start);
            return;
        }
        throw e;
    }
    const rows = document.querySelector('#zs-history tbody');
    rows.replaceChildren();
    for (const l of body.loads) {
        const tr = el('tr');
        tr.dataset.load = l.id;
        tr.dataset.state = l.state;
        tr.append(el('td', null, `${l.kind} ${l.id}`), el('td', null, l.source), el('td', null, l.state));
        tr.append(progressCell(l));
        tr.append(el('td', null, `${Math.round(l.ratePerSecond).toLocaleString()} records/s`));
        tr.append(el('td', 'zs-history-counts', counts(l)));
        rows.append(tr);
    }
    document.getElementById('zs-history-empty').hidden = body.loads.length > 0;
}

function start(token) {
    load(token);
    timer = setInterval(() => load(token), REFRESH_MS);
}

window.addEventListener('DOMContentLoaded', () => {
    const token = takeToken();
    if (token) start(token);
    else askForToken('Enter a staff token.', start);
});
