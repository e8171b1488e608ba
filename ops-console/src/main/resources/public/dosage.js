// Patrol and outreach dosage beside the violence it aims at: the huddle card's tile and the
// weekly report's chart. Data: the `dosage` objects of /api/huddle and /api/report.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) {
        e.setAttribute(k, v);
    }
    if (text !== undefined) {
        e.textContent = text;
    }
    return e;
}

/** "95 min" or "2.5 h". */
export function duration(minutes) {
    if (!minutes) return '0 min';
    return minutes < 120 ? Math.round(minutes) + ' min' : (minutes / 60).toFixed(1) + ' h';
}

/** The rows of a dosage tile: [label, value, kind]. */
export function dosageRows(d) {
    const visits = (n, long) => n + (n ? ' (' + long + ' ≥10 min)' : '');
    return [
        ['Patrol time', duration(d.patrolMinutes), 'patrolMinutes'],
        ['Patrol visits', visits(d.patrolVisits, d.patrolLongVisits), 'patrolVisits'],
        ['Outreach time', duration(d.outreachMinutes), 'outreachMinutes'],
        ['Outreach visits', visits(d.outreachVisits, d.outreachLongVisits), 'outreachVisits'],
    ];
}

/** One sentence for a week's report. */
export function dosageSentence(d) {
    return 'Patrol ' + duration(d.patrolMinutes) + ' in ' + d.patrolVisits + ' visits ('
        + d.patrolLongVisits + ' of 10 minutes or more); outreach ' + duration(d.outreachMinutes)
        + ' in ' + d.outreachVisits + ' visits (' + d.outreachLongVisits + ' of 10 minutes or more).';
}

/**
 * Weekly patrol and outreach hours (stacked bars) against homicides + shootings (a line with
 * dots, its own scale on the right), oldest week left.
 */
export function dosageChart(trend) {
    const w = 720;
    const h = 220;
    const left = 40;
    const right = 32;
    const bottom = 24;
    const top = 10;
    const hours = trend.map((p) => (p.patrolMinutes + p.outreachMinutes) / 60);
    const maxHours = Math.max(1, ...hours);
    const maxViolence = Math.max(1, ...trend.map((p) => p.gunViolence));
    const step = (w - left - right) / trend.length;
    const y = (v, max) => h - bottom - (v / max) * (h - bottom - top);
    const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'zs-chart zs-dosage-chart', role: 'img',
        'aria-label': 'Patrol and outreach hours per week against homicides and shootings' });
    for (const tick of [0, maxHours / 2, maxHours]) {
        s.append(svg('line', { x1: left, x2: w - right, y1: y(tick, maxHours), y2: y(tick, maxHours), class: 'zs-chart-grid' }));
        s.append(svg('text', { x: left - 6, y: y(tick, maxHours) + 4, 'text-anchor': 'end', class: 'zs-chart-label' },
            tick.toFixed(tick < 10 ? 1 : 0) + ' h'));
    }
    s.append(svg('text', { x: w - right + 6, y: y(maxViolence, maxViolence) + 4, class: 'zs-chart-label' }, String(maxViolence)));
    const points = [];
    trend.forEach((p, i) => {
        const x = left + i * step + 1;
        const patrol = p.patrolMinutes / 60;
        const outreach = p.outreachMinutes / 60;
        const ph = (patrol / maxHours) * (h - bottom - top);
        const oh = (outreach / maxHours) * (h - bottom - top);
        const bar = svg('rect', { x, y: h - bottom - ph, width: Math.max(1, step - 2), height: ph, class: 'zs-dosage-patrol' });
        bar.append(svg('title', {}, p.week + ': patrol ' + duration(p.patrolMinutes)));
        const bar2 = svg('rect', { x, y: h - bottom - ph - oh, width: Math.max(1, step - 2), height: oh, class: 'zs-dosage-outreach' });
        bar2.append(svg('title', {}, p.week + ': outreach ' + duration(p.outreachMinutes)));
        s.append(bar, bar2);
        points.push([x + step / 2, y(p.gunViolence, maxViolence), p]);
        if (i % 13 === 0 || i === trend.length - 1) {
            s.append(svg('text', { x: left + i * step, y: h - 6, class: 'zs-chart-label' }, p.week));
        }
    });
    s.append(svg('polyline', { points: points.map(([px, py]) => px + ',' + py).join(' '), class: 'zs-dosage-violence' }));
    for (const [px, py, p] of points) {
        const dot = svg('circle', { cx: px, cy: py, r: 2.5, class: 'zs-dosage-violence-dot' });
        dot.append(svg('title', {}, p.week + ': ' + p.gunViolence + ' homicides + shootings'));
        s.append(dot);
    }
    return s;
}
