// The analysts' tip desk: every tip-line case with its exchange (GET /api/tips); mark reviewed
// and answer the tipster (POST /api/tips/{number}/review).
import { takeToken, api, askForToken, forgetToken } from './token.js';

let token = takeToken();

function caseElement(c) {
    const box = document.createElement('article');
    box.className = 'zs-case';
    box.dataset.status = c.status;
    box.dataset.tip = c.tipNumber;
    const title = document.createElement('h2');
    title.textContent = c.category + ' · tip ' + c.tipNumber + ' · ' + c.status;
    const meta = document.createElement('p');
    meta.className = 'zs-small';
    meta.textContent = 'received ' + new Date(c.receivedAt).toLocaleString() + ' · on the map as ' + c.tipId;
    const list = document.createElement('ol');
    list.className = 'zs-messages';
    for (const m of c.messages) {
        const item = document.createElement('li');
        item.className = 'zs-from-' + m.from;
        item.textContent = (m.from === 'analyst' ? 'Answer: ' : 'Tipster: ') + m.text;
        list.append(item);
    }
    const form = document.createElement('form');
    const reply = document.createElement('textarea');
    reply.rows = 2;
    reply.placeholder = 'Answer to the tipster (optional)';
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = c.status === 'reviewed' ? 'Answer' : 'Mark reviewed';
    form.append(reply, button);
    form.onsubmit = (e) => {
        e.preventDefault();
        const body = reply.value.trim() ? { reply: reply.value.trim() } : {};
        api('/api/tips/' + encodeURIComponent(c.tipNumber) + '/review', token, { method: 'POST', body })
            .then(load)
            .catch(failed);
    };
    box.append(title, meta, list, form);
    return box;
}

function failed(e) {
    if (e.status === 401 || e.status === 403) {
        forgetToken();
        askForToken(e.message, (t) => {
            token = t;
            load();
        });
    } else {
        document.getElementById('zs-desk').textContent = e.message;
    }
}

function load() {
    api('/api/tips', token)
        .then((cases) => {
            const desk = document.getElementById('zs-desk');
            desk.replaceChildren(...cases.map(caseElement));
            if (cases.length === 0) {
                desk.textContent = 'No tips yet.';
            }
        })
        .catch(failed);
}

if (token) {
    load();
} else {
    askForToken('This page needs an analyst or admin token.', (t) => {
        token = t;
        load();
    });
}
