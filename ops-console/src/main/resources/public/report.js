// ZoneStat weekly performance report (the CitiStat weekly update) for one zone, printable.
// Data from GET /api/report; the trend chart is an inline SVG drawn here. The layer and zone
// pickers come from GET /api/layers: without ?layer= and ?zone= the page opens on the first zone
// of the focus layer.

import { layerOf, loadCity } from './city.js';
import { dosageChart, dosageSentence } from './dosage.js';
import { svg } from './forecast-chart.js';
import { onHistoryDone } from './history-watch.js';
import { api, askForToken, el, forgetToken, options, signed, takeToken } from './token.js';

const params = new URLSearchParams(window.location.search);
let token = null;
let city = null;
const $ = (id) => document.getElementById(id);

/** Bars of weekly homicides + shootings, oldest left, the report's week highlighted. */
function chart(trend) {
    const w = 720;
    const h = 200;
    const left = 32;
    const bottom = 24;
    const max = Math.max(1, ...trend.map((p) => p.gunViolence));
    const step = (w - left) / trend.length;
    const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'zs-chart', role: 'img',
        'aria-label': 'Homicides and shootings per week over the last year' });
    for (const tick of [0, Math.ceil(max / 2), max]) {
        const y = h - bottom - (tick / max) * (h - bottom - 10);
        s.append(svg('line', { x1: left, x2: w, y1: y, y2: y, class: 'zs-chart-grid' }));
        s.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'zs-chart-label' }, String(tick)));
    }
    trend.forEach((p, i) => {
        const bh = (p.gunViolence / max) * (h - bottom - 10);
        const bar = svg('rect', {
            x: left + i * step + 1, y: h - bottom - bh, width: Math.max(1, step - 2), height: bh,
            class: 'zs-chart-bar' + (i === trend.length - 1 ? ' zs-chart-current' : ''),
        });
        bar.append(svg('title', {}, p.week + ': ' + p.gunViolence));
        s.append(bar);
        if (i % 13 === 0 || i === trend.length - 1) {
            s.append(svg('text', { x: left + i * step, y: h - 6, class: 'zs-chart-label' }, p.week));
        }
    });
    return s;
}

function row(label, now, before) {
    const tr = el('tr');
    tr.append(el('th', null, label), el('td', 'zs-number', now ?? '–'), el('td', 'zs-number', before ?? '–'));
    tr.append(el('td', 'zs-number', now === null || before === null || before === undefined ? '–' : signed(now - before)));
    return tr;
}

function render(r) {
    const page = document.getElementById('zs-report');
    const head = el('header');
    head.append(el('h1', null, r.zone + ' · weekly performance'));
    const layer = city && layerOf(city, r.layer);
    head.append(el('p', null, r.week + ' (' + r.from + ' to ' + r.to + '), ' + (layer ? layer.title : r.layer)
        + (r.goalPercent === null ? '' : ', goal ' + r.goalPercent + '% against last year')));

    const summary = el('section', 'zs-report-summary');
    const g = r.gunViolence;
    const y = r.yearToDate;
    for (const [label, score] of [['This week', g], ['Year to date', y]]) {
        const box = el('div', 'zs-report-box');
        box.append(el('h2', null, label + ': homicides + shootings'));
        box.append(el('p', 'zs-big-number', score.total));
        box.append(el('p', null, 'last year ' + score.previousTotal + ' · change ' + signed(score.change)
            + (score.changePercent === null ? '' : ' (' + score.changePercent + '%)')));
        box.append(el('p', score.metGoal ? 'zs-goal-met' : 'zs-goal-missed',
            score.target === null ? 'no goal' : 'target ' + score.target + ': ' + (score.metGoal ? 'met' : 'not met')));
        summary.append(box);
    }

    const counts = el('table', 'zs-report-counts');
    const th = el('tr');
    ['', 'This week', 'Same week last year', 'Change'].forEach((t) => th.append(el('th', null, t)));
    counts.append(th);
    const names = { homicides: 'Homicides', shootings: 'Shootings', otherViolent: 'Other violent',
        requestsOpened: '311 opened', requestsClosed: '311 closed', requestsOverdue: '311 became overdue' };
    for (const [k, label] of Object.entries(names)) {
        counts.append(row(label, r.counts[k], r.lastYear[k]));
    }

    const closure = el('p', null, '311 closure this week: '
        + (r.closureRatePercent === null ? 'no requests opened' : r.closureRatePercent + '% (closed / opened)')
        + (r.openAtEnd === null ? '' : ' · open at the end of the week: ' + r.openAtEnd));

    const items = el('table', 'zs-report-items');
    const ih = el('tr');
    ['Action item', 'Agency', 'Due', 'Status'].forEach((t) => ih.append(el('th', null, t)));
    items.append(ih);
    for (const i of r.actionItems) {
        const tr = el('tr');
        tr.append(el('td', null, i.what), el('td', null, i.agency + (i.assignee ? ' · ' + i.assignee : '')),
            el('td', null, i.dueDate), el('td', null, i.status));
        items.append(tr);
    }
    if (r.actionItems.length === 0) {
        const tr = el('tr');
        const td = el('td', null, 'No action items this week.');
        td.colSpan = 4;
        tr.append(td);
        items.append(tr);
    }

    const trend = el('section', 'zs-report-trend');
    trend.append(el('h2', null, 'Homicides + shootings per week, last 52 weeks'));
    trend.append(chart(r.trend));

    const dosage = el('section', 'zs-report-dosage');
    dosage.append(el('h2', null, 'Patrol and outreach against the violence'));
    if (r.dosage) {
        dosage.append(el('p', 'zs-dosage-week', 'This week: ' + dosageSentence(r.dosage)));
    }
    dosage.append(dosageChart(r.trend));

    page.replaceChildren(head, summary, counts, closure, el('h2', null, 'Action items'), items, trend, dosage);
    document.body.dataset.loaded = 'true';
}

/** The zone picker for a layer: its zones in order, `zone` chosen if it is one, else the first. */
function pickZone(layerId, zone) {
    const names = layerOf(city, layerId).names;
    options($('zs-report-zone'), names.map((n) => [n, n]), names.includes(zone) ? zone : names[0]);
}

/** The pickers from the layers: ?layer= or the focus layer, ?zone= or its first zone. */
function pick() {
    const asked = params.get('layer');
    const layerId = layerOf(city, asked) ? asked : city.focus;
    options($('zs-report-layer'), city.layers.map((l) => [l.id, l.title]), layerId);
    pickZone(layerId, params.get('zone'));
    $('zs-report-week').value = params.get('week') || '';
}

async function load() {
    params.set('layer', $('zs-report-layer').value);
    params.set('zone', $('zs-report-zone').value);
    const week = $('zs-report-week').value;
    if (week) {
        params.set('week', week);
    } else {
        params.delete('week');
    }
    history.replaceState(null, '', '/report?' + params);
    const q = new URLSearchParams();
    for (const name of ['layer', 'zone', 'week', 'goal']) {
        if (params.get(name)) {
            q.set(name, params.get(name));
        }
    }
    const r = await api('/api/report?' + q, token);
    $('zs-report-week').value = r.week;
    render(r);
}

let historyWatch = null;

async function start(t) {
    token = t;
    historyWatch = historyWatch || onHistoryDone(t, () => start(token));
    try {
        if (city === null) {
            city = await loadCity((path) => api(path, token));
            pick();
        }
        await load();
    } catch (e) {
        if (e.status === 401) {
            forgetToken();
            city = null;
            askForToken('That token was not accepted. Enter another.', start);
        } else {
            $('zs-report').replaceChildren(el('p', 'zs-error', e.message));
        }
    }
}

function reload() {
    start(token);
}

$('zs-report-layer').onchange = () => {
    pickZone($('zs-report-layer').value, null);
    reload();
};
$('zs-report-zone').onchange = reload;
$('zs-report-form').onsubmit = (e) => {
    e.preventDefault();
    reload();
};
$('zs-report-print').onclick = () => window.print();

token = takeToken();
if (token) {
    start(token);
} else {
    askForToken('Enter the access token you were given.', start);
}
