// Tells a page that shows history (huddle, report) when a backfill or reprocess run has finished,
// so it reloads its numbers without a restart: watches `completed` of GET /api/history/loads.
import { api } from './token.js';

export function onHistoryDone(token, callback, everyMs = 5000) {
    let seen = null;
    const tick = async () => {
        try {
            const body = await api('/api/history/loads?state=active', token);
            if (seen !== null && body.completed !== seen) {
                callback();
            }
            seen = body.completed;
        } catch (e) {
            // the page's own requests report access and network problems
        }
    };
    tick();
    return setInterval(tick, everyMs);
}
