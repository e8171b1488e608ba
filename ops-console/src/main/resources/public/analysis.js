// ZoneStat analysis page: what the forecast scores mean, the weekly Gi* and simple-rule PAI over
// 52 weeks (GET /api/forecast) and the Knox near-repeat table of the loaded history
// (GET /api/knox). Plain ES module.

import { paiChart } from './forecast-chart.js';
import { api, askForToken, el, forgetToken, takeToken } from './token.js';

const $ = (id) => document.getElementById(id);
let token = null;

async function forecast() {
    const f = await api('/api/forecast?weeks=52', token);
    $('zs-analysis-forecast').textContent = 'Latest: ' + f.line + '. Mean PAI over the '
        + f.scoredWeeks + ' scored weeks: hot cells ' + (f.meanPai ?? '–')
        + ', the simple rule ' + (f.meanBaselinePai ?? '–') + '.';
    $('zs-analysis-chart').replaceChildren(paiChart(f.weekly));
}

async function knox() {
    $('zs-knox-summary').textContent = 'Running…';
    const q = new URLSearchParams({ bands: $('zs-knox-bands').value, permutations: $('zs-knox-permutations').value });
    try {
        const t = await api('/api/knox?' + q, token);
        $('zs-knox-summary').textContent = t.incidents + ' shootings and homicides, ' + t.from.slice(0, 10)
            + ' to ' + t.until.slice(0, 10) + '; ' + t.permutations + ' permutations, seed ' + t.seed + '. '
            + (t.extentMeters > 0
                ? 'Near repeats up to ' + t.extentMeters + ' m and ' + t.extentDays + ' days.'
                : 'No near-repeat pattern in the first bands.') + ' * p ≤ ' + t.alpha + ' and ratio > 1.';
        $('zs-knox-table').querySelector('tbody').replaceChildren(...t.cells.map((c) => {
            const tr = el('tr', c.significant ? 'zs-significant' : null);
            tr.append(el('td', null, c.distanceFrom + '–' + c.distanceTo), el('td', null, c.daysFrom + '–' + c.daysTo),
                el('td', 'zs-number', c.observed), el('td', 'zs-number', c.expected),
                el('td', 'zs-number', c.ratio), el('td', 'zs-number', c.p.toFixed(3) + (c.significant ? ' *' : '')));
            return tr;
        }));
    } catch (e) {
        $('zs-knox-summary').replaceChildren(el('span', 'zs-error', e.message));
    }
    document.body.dataset.loaded = 'true';
}

async function start(t) {
    token = t;
    try {
        await forecast();
        await knox();
    } catch (e) {
        if (e.status === 401) {
            forgetToken();
            askForToken('That token was not accepted. Enter another.', start);
        } else {
            $('zs-analysis-forecast').replaceChildren(el('span', 'zs-error', e.message));
        }
    }
}

$('zs-knox-form').onsubmit = (e) => {
    e.preventDefault();
    knox();
};

const saved = takeToken();
if (saved) {
    start(saved);
} else {
    askForToken('Enter the access token you were given.', start);
}
