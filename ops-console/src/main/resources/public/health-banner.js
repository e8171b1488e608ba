// A banner on every page when the pipeline is not ok: polls the open /api/health every 10 s and
// shows why the figures may be stale (the job is down, restarting or stalled). When the job was
// restarted in the last hour, a quieter line says so. Text only (never HTML).
const POLL_MS = 10000;

function banner() {
  let el = document.getElementById('zs-health-banner');
  if (!el) {
    el = document.createElement('div');
    el.id = 'zs-health-banner';
    el.setAttribute('role', 'alert');
    Object.assign(el.style, {
      position: 'fixed', top: '0', left: '0', right: '0', zIndex: '10000', padding: '6px 12px',
      font: '600 14px system-ui, sans-serif', textAlign: 'center', display: 'none',
    });
    document.body.appendChild(el);
  }
  return el;
}

function show(health) {
  const el = banner();
  const p = health.pipeline;
  if (health.status !== 'ok') {
    const why = p && p.reasons && p.reasons.length ? ': ' + p.reasons.join('; ') : '';
    el.textContent = 'Pipeline ' + health.status + why + '. Figures on this page may be stale.';
    Object.assign(el.style, { display: 'block', background: '#b00020', color: '#fff' });
    el.dataset.state = health.status;
  } else if (p && p.job && p.job.restartsLastHour > 0) {
    el.textContent = 'Pipeline running again: ' + p.job.restartsLastHour
        + ' restart(s) in the last hour' + (p.job.note ? ' (' + p.job.note + ')' : '') + '.';
    Object.assign(el.style, { display: 'block', background: '#fff3cd', color: '#5c4400' });
    el.dataset.state = 'recovered';
  } else {
    el.style.display = 'none';
    el.dataset.state = 'ok';
  }
}

async function poll() {
  try {
    const r = await fetch('/api/health', { cache: 'no-store' });
    show(await r.json());
  } catch (e) {
    show({ status: 'unreachable', pipeline: { reasons: ['the console does not answer'] } });
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', poll);
} else {
  poll();
}
setInterval(poll, POLL_MS);
