// The demo's mailbox: GET /api/admin/mailbox, one card per received e-mail.
import { takeToken, api, askForToken, forgetToken } from './token.js';

let token = takeToken();

function card(mail) {
    const box = document.createElement('article');
    box.className = 'zs-case zs-mail';
    const title = document.createElement('h2');
    title.textContent = mail.subject;
    const meta = document.createElement('p');
    meta.className = 'zs-small';
    meta.textContent = 'to ' + mail.to + ' · from ' + mail.from + ' · ' +
        (mail.receivedAt ? new Date(mail.receivedAt).toLocaleString() : '');
    const body = document.createElement('pre');
    body.textContent = mail.text;
    box.append(title, meta, body);
    return box;
}

function load() {
    api('/api/admin/mailbox', token)
        .then((mails) => {
            const box = document.getElementById('zs-mailbox');
            box.replaceChildren(...mails.map(card));
            if (mails.length === 0) {
                box.textContent = 'No e-mail yet: post a request with an e-mail address, close it, and wait a moment.';
            }
        })
        .catch((e) => {
            if (e.status === 401 || e.status === 403) {
                forgetToken();
                askForToken(e.message, (t) => { token = t; load(); });
            }
        });
}

if (token) {
    load();
    setInterval(load, 5000);
} else {
    askForToken('The mailbox needs an admin token.', (t) => { token = t; load(); });
}
