// The audit trail for admins: who read which restricted alert or monitored track, and when.
import { takeToken, forgetToken, askForToken, api } from './token.js';

async function load(token) {
    let body;
    try {
        body = await api('/api/audit', token);
    } catch (e) {
        if (e.status === 401 || e.status === 403) {
            forgetToken();
            askForToken(e.status === 403 ? 'Only admins read the audit trail.' : 'That token was refused.', load);
            return;
        }
        throw e;
    }
    const rows = document.querySelector('#zs-audit tbody');
    rows.replaceChildren();
    for (const r of body.records) {
        const tr = document.createElement('tr');
        for (const v of [new Date(r.at).toLocaleString(), r.actor, r.role, r.action, r.subject, r.detail || '']) {
            const td = document.createElement('td');
            td.textContent = v;
            tr.append(td);
        }
        rows.append(tr);
    }
    document.getElementById('zs-audit-empty').hidden = body.records.length > 0;
}

window.addEventListener('DOMContentLoaded', () => {
    const token = takeToken();
    if (token) load(token);
    else askForToken('Enter an admin token.', load);
});
