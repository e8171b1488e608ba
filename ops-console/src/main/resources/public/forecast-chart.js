// The weekly forecast scores as an inline SVG: the PAI of the Gi* hot cells (solid) and of the
// simple rule (dashed) over the weeks of GET /api/forecast, oldest left. Shared by the weekly
// report and the analysis page.

const SVG = 'http://www.w3.org/2000/svg';

/** A new SVG element with attributes and text. */
export function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) {
        e.setAttribute(k, v);
    }
    if (text !== undefined) {
        e.textContent = text;
    }
    return e;
}

/** The chart of `weekly` ([{week, pai, baselinePai}, ...]). */
export function paiChart(weekly) {
    const w = 720;
    const h = 200;
    const left = 36;
    const bottom = 24;
    const values = weekly.flatMap((p) => [p.pai, p.baselinePai]).filter((v) => v !== null && v !== undefined);
    const max = Math.max(2, ...values);
    const step = (w - left) / Math.max(1, weekly.length - 1);
    const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'zs-chart zs-pai-chart', role: 'img',
        'aria-label': 'Predictive accuracy index per week: hot cells and the simple rule' });
    const y = (v) => h - bottom - (v / max) * (h - bottom - 10);
    for (const tick of [0, 1, Math.round(max / 2), Math.round(max)]) {
        s.append(svg('line', { x1: left, x2: w, y1: y(tick), y2: y(tick), class: 'zs-chart-grid' }));
        s.append(svg('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'zs-chart-label' }, String(tick)));
    }
    for (const [key, cls] of [['pai', 'zs-chart-gi'], ['baselinePai', 'zs-chart-base']]) {
        let d = '';
        weekly.forEach((p, i) => {
            const v = p[key];
            if (v === null || v === undefined) {
                return;
            }
            d += (d === '' || weekly[i - 1]?.[key] == null ? 'M' : 'L') + (left + i * step).toFixed(1) + ',' + y(v).toFixed(1);
        });
        const path = svg('path', { d, class: 'zs-chart-line ' + cls });
        path.append(svg('title', {}, key === 'pai' ? 'Gi* hot cells' : 'simple rule (28 days)'));
        s.append(path);
    }
    weekly.forEach((p, i) => {
        if (i % 13 === 0 || i === weekly.length - 1) {
            s.append(svg('text', { x: left + i * step, y: h - 6, class: 'zs-chart-label' }, p.week));
        }
    });
    return s;
}
