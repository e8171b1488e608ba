// Check on a tip with its number and phrase (POST /api/tips/status) and add information
// (POST /api/tips/followups). The number and phrase stay in this page's memory only.

import { postJson } from './tip-api.js';

let secrets = null;

function show(status) {
    document.getElementById('zs-status-form').hidden = true;
    document.getElementById('zs-status-view').hidden = false;
    document.getElementById('zs-status-shown-number').textContent = status.tipNumber;
    const state = document.getElementById('zs-status-state');
    state.dataset.state = status.status;
    state.textContent =
        status.status === 'reviewed'
            ? 'received and reviewed on ' + status.reviewedOn
            : 'received on ' + status.receivedOn + ', not reviewed yet';
    const list = document.getElementById('zs-status-messages');
    list.replaceChildren();
    for (const m of status.messages) {
        const item = document.createElement('li');
        item.className = 'zs-from-' + m.from;
        item.dataset.from = m.from;
        const who = document.createElement('strong');
        who.textContent = m.from === 'analyst' ? 'Answer: ' : 'You: ';
        item.append(who, document.createTextNode(m.text));
        list.append(item);
    }
}

document.getElementById('zs-status-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const error = document.getElementById('zs-status-error');
    error.hidden = true;
    const tried = {
        tipNumber: document.getElementById('zs-status-number').value.trim(),
        phrase: document.getElementById('zs-status-phrase').value.trim(),
    };
    postJson('/api/tips/status', tried)
        .then((status) => {
            secrets = tried;
            show(status);
        })
        .catch((e) => {
            error.textContent = e.message;
            error.hidden = false;
        });
});

document.getElementById('zs-followup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = document.getElementById('zs-followup-text');
    const done = document.getElementById('zs-followup-done');
    postJson('/api/tips/followups', { ...secrets, text: text.value.trim() || null })
        .then((status) => {
            text.value = '';
            show(status);
            done.textContent = 'Received. Thank you.';
            done.hidden = false;
        })
        .catch((e) => {
            done.textContent = e.message;
            done.hidden = false;
        });
});
