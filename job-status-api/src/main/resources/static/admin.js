// The operations page: queue figures every 2 s (rates from the entries_added counters of two snapshots),
// a backlog chart of the last 5 minutes, workers, dead letters with retry/purge and "retry all matching"
// (a replay-dead-letters batch run filtered on that letter's error code and stage), and batch runs.
import { api, el, tokenInput, when } from '/common.js';

const $ = (id) => document.getElementById(id);
const HISTORY = 150;          // 150 samples × 2 s = 5 minutes
const history = [];           // [{t, backlog: {stage: n}}]
let previous = null;          // last snapshot, for rates
const COLORS = ['#3056d3', '#d38a30', '#2f7d4f', '#a43fb5'];

async function refresh() {
  if (!tokenInput.value.trim()) { $('state').textContent = 'Paste an admin token.'; return; }
  try {
    const q = await (await api('/v1/admin/queues')).json();
    $('state').textContent = '';
    renderQueues(q);
    renderWorkers(q.workers);
    record(q);
    drawChart();
    previous = q;
  } catch (e) {
    $('state').textContent = e.message;
  }
}

function rate(stream, q) {
  if (!previous) return '–';
  const before = previous.streams.find((s) => s.stage === stream.stage && s.priority === stream.priority);
  const seconds = (Date.parse(q.at) - Date.parse(previous.at)) / 1000;
  if (!before || seconds <= 0) return '–';
  return ((stream.entries_added - before.entries_added) / seconds).toFixed(2);
}

function renderQueues(q) {
  $('queues').replaceChildren(...q.streams.map((s) => el('tr', { 'data-stream': s.stage + ':' + s.priority },
    el('td', {}, s.stage), el('td', {}, s.priority), el('td', { 'data-testid': 'waiting' }, String(s.lag)),
    el('td', {}, String(s.pending)), el('td', {}, String(s.length)), el('td', {}, rate(s, q)))));
  $('retries').textContent = q.retries;
  $('dead').textContent = q.dead;
  $('updated').textContent = 'updated ' + new Date(q.at).toLocaleTimeString();
}

function renderWorkers(workers) {
  $('workers').replaceChildren(...(workers.length ? workers.map((w) => el('tr', {},
    el('td', {}, w.id), el('td', {}, (w.stages || []).join(', ')),
    el('td', { class: 'muted' }, `${w.host} pid ${w.pid} · ${(w.running || []).length}/${w.concurrency} busy · beat ${when(w.heartbeat_at)}`)))
    : [el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'No live workers.'))]));
}

function record(q) {
  const backlog = {};
  for (const s of q.streams) backlog[s.stage] = (backlog[s.stage] || 0) + s.backlog;
  history.push({ t: Date.parse(q.at), backlog });
  if (history.length > HISTORY) history.shift();
}

// A plain canvas line chart: one line per stage, y from 0 to the largest backlog seen in the window.
function drawChart() {
  const c = $('chart');
  const ctx = c.getContext('2d');
  ctx.clearRect(0, 0, c.width, c.height);
  if (history.length < 2) return;
  const stages = Object.keys(history[history.length - 1].backlog);
  const max = Math.max(1, ...history.flatMap((h) => Object.values(h.backlog)));
  const x = (i) => 30 + (i / (HISTORY - 1)) * (c.width - 40);
  const y = (v) => c.height - 20 - (v / max) * (c.height - 40);
  ctx.fillStyle = '#667085';
  ctx.font = '11px system-ui';
  ctx.fillText(String(max), 2, 14);
  ctx.fillText('0', 2, c.height - 20);
  stages.forEach((stage, n) => {
    ctx.strokeStyle = COLORS[n % COLORS.length];
    ctx.beginPath();
    history.forEach((h, i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, x(i), y(h.backlog[stage] || 0)));
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fillText(stage, 40 + n * 90, c.height - 4);
  });
}

async function loadDeadLetters() {
  if (!tokenInput.value.trim()) return;
  try {
    const page = await (await api('/v1/admin/dead-letters?limit=100')).json();
    $('dead-letters').replaceChildren(...(page.items.length ? page.items.map(deadRow)
      : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No dead letters.'))]));
  } catch (e) {
    $('state').textContent = e.message;
  }
}

function deadRow(d) {
  const err = d.job.error;
  return el('tr', { 'data-dead-id': d.job.id },
    el('td', {}, d.job.id), el('td', {}, when(d.died_at)),
    el('td', { class: 'error' }, err ? `${err.code}: ${err.message}` : ''),
    el('td', { class: 'muted' }, d.errors.map((e) => `#${e.attempt} ${e.stage} ${e.code}`).join('; ')),
    el('td', {},
      el('button', { type: 'button', 'data-action': 'retry', onclick: () => act('POST', `/v1/admin/dead-letters/${d.job.id}/retry`) }, 'Retry'),
      ' ',
      el('button', { type: 'button', class: 'danger', 'data-action': 'purge', onclick: () => act('DELETE', `/v1/admin/dead-letters/${d.job.id}`) }, 'Purge'),
      ' ',
      el('button', { type: 'button', 'data-action': 'retry-matching', title: 'Retry every dead letter with this error code and stage',
        onclick: () => startBatch('replay-dead-letters', matching(d)) }, 'Retry all matching')));
}

/** The filter "retry all matching" sends: this letter's last error code and stage. */
function matching(d) {
  const last = d.errors.length ? d.errors[d.errors.length - 1] : null;
  const filter = {};
  const code = last ? last.code : d.job.error && d.job.error.code;
  const stage = last ? last.stage : d.job.stage;
  if (code) filter.code = code;
  if (stage) filter.stage = stage;
  return filter;
}

async function startBatch(name, params) {
  try {
    await api(`/v1/admin/batch/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  } catch (e) {
    $('state').textContent = e.message;
  }
  setTimeout(() => { loadRuns(); loadDeadLetters(); refresh(); }, 500);
}

async function loadRuns() {
  if (!tokenInput.value.trim()) return;
  try {
    const page = await (await api('/v1/admin/batch/runs?limit=30')).json();
    $('batch-runs').replaceChildren(...(page.runs.length ? page.runs.map(runRow)
      : [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No batch runs yet.'))]));
  } catch (e) {
    $('state').textContent = e.message;
  }
}

function runRow(r) {
  const params = Object.entries(r.params || {}).map(([k, v]) => `${k}=${v}`).join(' ');
  const skips = (r.skips || []).slice(0, 5).map((s) => `${s.item}: ${s.reason}`).join('; ');
  // per step, from the JobRepository: read/written, filtered, skipped, commits
  const steps = (r.steps || []).map((s) => `${s.name} ${s.status.toLowerCase()} ${s.read}/${s.written}`
    + ` (filtered ${s.filtered}, skipped ${s.read_skips + s.process_skips + s.write_skips}, ${s.commits} commits)`).join('; ');
  const restartable = ['failed', 'cancelled', 'abandoned'].includes(r.status) && r.execution_id != null;
  const status = el('td', { class: r.status === 'failed' ? 'error' : '' }, r.status + (r.error ? ` (${r.error})` : ''));
  if (restartable) {
    status.append(' ', el('button', { type: 'button', 'data-action': 'restart', title: 'Restart from the last committed chunk',
      onclick: () => restartRun(r.id) }, 'Restart'));
  }
  return el('tr', { 'data-run-id': r.id },
    el('td', {}, r.job + (r.restarts ? ` (restarted ${r.restarts}×)` : '')), el('td', {}, when(r.started_at)),
    status,
    el('td', {}, String(r.read)), el('td', {}, String(r.written)), el('td', {}, String(r.skipped)),
    el('td', {}, r.status === 'running' || r.status === 'queued' ? '' : `${r.duration_ms} ms`), // queued: waits for an ops pod
    el('td', { class: 'muted' }, [params, steps, skips].filter(Boolean).join(' — ')));
}

async function restartRun(id) {
  try {
    await api(`/v1/admin/batch/runs/${encodeURIComponent(id)}/restart`, { method: 'POST' });
  } catch (e) {
    $('state').textContent = e.message;
  }
  setTimeout(loadRuns, 500);
}

async function loadWebhooks() {
  if (!tokenInput.value.trim()) return;
  try {
    const summary = await (await api('/v1/admin/webhooks')).json();
    $('webhooks-due').textContent = summary.due;
    $('webhooks-dead').textContent = summary.dead;
    const page = await (await api('/v1/admin/webhooks/dead-letters?limit=100')).json();
    $('webhook-dead-letters').replaceChildren(...(page.items.length ? page.items.map(webhookRow)
      : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No dead webhook deliveries.'))]));
  } catch (e) {
    $('state').textContent = e.message;
  }
}

function webhookRow(w) {
  const last = w.errors.length ? w.errors[w.errors.length - 1].message : '';
  return el('tr', { 'data-webhook-id': w.id },
    el('td', {}, `msg_${w.id}`), el('td', {}, w.job_id || ''), el('td', {}, w.type || ''),
    el('td', {}, when(w.died_at)), el('td', { class: 'error', title: last }, `${w.attempts}: ${last}`),
    el('td', {},
      el('button', { type: 'button', 'data-action': 'replay-webhook', onclick: () => act('POST', `/v1/admin/webhooks/dead-letters/${w.id}/retry`) }, 'Replay'),
      ' ',
      el('button', { type: 'button', class: 'danger', 'data-action': 'purge-webhook', onclick: () => act('DELETE', `/v1/admin/webhooks/dead-letters/${w.id}`) }, 'Purge')));
}

async function act(method, path) {
  try {
    await api(path, { method });
  } catch (e) {
    $('state').textContent = e.message;
  }
  await Promise.all([loadDeadLetters(), loadWebhooks(), refresh()]);
}

$('run-tiering').addEventListener('click', () => startBatch('tiering', {}));
tokenInput.addEventListener('token', () => { refresh(); loadDeadLetters(); loadWebhooks(); loadRuns(); });
refresh();
loadDeadLetters();
loadWebhooks();
loadRuns();
setInterval(loadWebhooks, 10000);
setInterval(loadRuns, 5000);
setInterval(refresh, 2000);
setInterval(loadDeadLetters, 10000);
