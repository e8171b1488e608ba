// The weekly report's inputs against outcomes and forecast scores, beside report.js: once the
// report of a zone and week is on the page, every zone of its layer that week: what agencies did
// (GET /api/report/inputs) against homicides + shootings and 311 closure, each against the same week
// last year and the goal; then the weekly PAI of the hot cells and of the simple rule over 52 weeks
// (GET /api/forecast).

import { paiChart } from './forecast-chart.js';
import { api, el, signed, takeToken } from './token.js';

const token = () => sessionStorage.getItem('zonestat.token') || takeToken();
const $ = (id) => document.getElementById(id);
const COLUMNS = [
    ['SITE_VISIT', 'Site visits'],
    ['OUTREACH_CONTACT', 'Outreach contacts'],
    ['INSPECTION', 'Inspections'],
    ['CODE_ENFORCEMENT', 'Code enforcement'],
    ['CLEANUP', 'Cleanups'],
    ['LIGHTING_REPAIR', 'Lights repaired'],
];
let busy = false;

function vs(now, before) {
    return now + ' (' + (before ?? '–') + ')';
}

function inputsTable(section, zone) {
    const table = el('table', 'zs-inputs-table');
    const head = el('tr');
    ['Zone', ...COLUMNS.map(([, l]) => l), 'People reached', 'Patrol dosage',
        'Homicides + shootings', 'Change', 'Target', '311 closure'].forEach((t) => head.append(el('th', null, t)));
    table.append(head);
    for (const z of section.zones) {
        const tr = el('tr', z.zone === zone ? 'zs-this-zone' : null);
        tr.dataset.zone = z.zone;
        tr.append(el('td', null, z.zone));
        for (const [k] of COLUMNS) {
            const td = el('td', 'zs-number', vs(z.inputs[k], z.inputsLastYear[k]));
            td.dataset.kind = k;
            tr.append(td);
        }
        tr.append(el('td', 'zs-number', vs(z.uniqueContacts, z.uniqueContactsLastYear)));
        tr.append(el('td', 'zs-number', z.patrolDosageMinutes === null ? '–' : z.patrolDosageMinutes));
        tr.append(el('td', 'zs-number zs-outcome', vs(z.gunViolence, z.gunViolenceLastYear)));
        tr.append(el('td', 'zs-number', signed(z.gunViolence - z.gunViolenceLastYear)
            + (z.changePercent === null ? '' : ' (' + z.changePercent + '%)')));
        tr.append(el('td', 'zs-number ' + (z.metGoal === null ? '' : z.metGoal ? 'zs-goal-met' : 'zs-goal-missed'),
            z.target === null ? '–' : z.target + (z.metGoal ? ' met' : ' missed')));
        tr.append(el('td', 'zs-number', (z.closureRatePercent === null ? '–' : z.closureRatePercent + '%')
            + ' (' + (z.closureRatePercentLastYear === null ? '–' : z.closureRatePercentLastYear + '%') + ')'));
        table.append(tr);
    }
    return table;
}

async function addSections() {
    const page = $('zs-report');
    if (busy || page.querySelector('.zs-inputs') || document.body.dataset.loaded !== 'true') {
        return;
    }
    busy = true;
    try {
        const layer = $('zs-report-layer').value;
        const zone = $('zs-report-zone').value;
        const week = $('zs-report-week').value;
        const q = new URLSearchParams({ layer, week });
        const params = new URLSearchParams(window.location.search);
        if (params.get('goal')) {
            q.set('goal', params.get('goal'));
        }
        const section = await api('/api/report/inputs?' + q, token());
        const inputs = el('section', 'zs-inputs');
        inputs.append(el('h2', null, 'Inputs against outcomes, ' + section.week + ', every zone'));
        inputs.append(el('p', 'zs-small', 'What agencies did against what happened this week, each with'
            + ' the same week last year in brackets; the target is last year\u2019s homicides + shootings'
            + (section.goalPercent === null ? '' : ' ' + section.goalPercent + '%') + '. Patrol dosage: '
            + section.patrolNote + '.'));
        inputs.append(inputsTable(section, zone));
        const sunday = section.to;
        const f = await api('/api/forecast?weeks=52&date=' + sunday, token());
        const scores = el('section', 'zs-forecast-scores');
        scores.append(el('h2', null, 'Are the hot spots any good? Forecast scores, last 52 weeks'));
        scores.append(el('p', 'zs-small', 'PAI = share of the following week\u2019s shootings and homicides in'
            + ' the hot cells \u00f7 share of the city they cover (1 = chance). Solid: Gi* hot cells; dashed:'
            + ' the simple rule (the same number of cells with the most in the last 28 days). Mean over '
            + f.scoredWeeks + ' weeks: ' + (f.meanPai ?? '–') + ' against ' + (f.meanBaselinePai ?? '–')
            + '. Terms: /analysis.'));
        scores.append(paiChart(f.weekly));
        if (!page.querySelector('.zs-inputs')) {
            page.append(inputs, scores);
        }
        document.body.dataset.inputsLoaded = 'true';
    } catch (e) {
        page.append(el('p', 'zs-error zs-inputs', e.message));
    } finally {
        busy = false;
    }
}

new MutationObserver(addSections).observe($('zs-report'), { childList: true });
