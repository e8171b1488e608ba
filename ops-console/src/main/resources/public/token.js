// Shared by the huddle and report pages: the access token from ?token= (then removed from the
// address bar) or sessionStorage, and fetch with it.

const TOKEN_KEY = 'zonestat.token';

export function takeToken() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        url.searchParams.delete('token');
        history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
    sessionStorage.removeItem(TOKEN_KEY);
}

export function rememberToken(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
}

/** GET or POST JSON with the bearer token; throws an Error with .status on a non-2xx answer. */
export async function api(path, token, options = {}) {
    const headers = { Authorization: 'Bearer ' + token };
    if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
        method: options.method || 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (!response.ok) {
        let message = response.statusText;
        try {
            message = (await response.json()).error || message;
        } catch (e) {
            // not JSON: keep the status text
        }
        const error = new Error(message);
        error.status = response.status;
        throw error;
    }
    return response.json();
}

/** Shows the login form; calls onToken with what was typed. */
export function askForToken(message, onToken) {
    const login = document.getElementById('zs-login');
    login.hidden = false;
    document.getElementById('zs-login-message').textContent = message;
    const form = document.getElementById('zs-login-form');
    form.onsubmit = (e) => {
        e.preventDefault();
        const token = document.getElementById('zs-token-input').value.trim();
        login.hidden = true;
        rememberToken(token);
        onToken(token);
    };
}

/** A new element with a class and text (never HTML). */
export function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
        e.className = className;
    }
    if (text !== undefined && text !== null) {
        e.textContent = String(text);
    }
    return e;
}

/** Fills a picker with [value, label] entries and selects `chosen`. */
export function options(select, entries, chosen) {
    select.replaceChildren(...entries.map(([value, label]) => {
        const option = el('option', null, label);
        option.value = value;
        return option;
    }));
    select.value = chosen;
}

export function signed(n) {
    if (n === null || n === undefined) {
        return '–';
    }
    return (n > 0 ? '+' : n < 0 ? '−' : '±') + Math.abs(n);
}
