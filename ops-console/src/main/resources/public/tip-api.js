// Shared by the tip line's pages: POST JSON without credentials or referrer; throws an Error with
// the console's message on a non-2xx answer.

export async function postJson(path, body) {
    const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
        throw new Error(data.error || response.statusText);
    }
    return data;
}
