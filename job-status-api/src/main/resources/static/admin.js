// The operations page: queue figures every 2 s (rates from the entries_added counters of two snapshots),
// a backlog chart of the last 5 minutes, workers, and dead letters with retry/purge.
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
      el('button', { type: 'button', class: 'danger', 'data-action': 'purge', onclick: () => act('DELETE', `/v1/admin/dead-letters/${d.job.id}`) }, 'Purge')));
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

tokenInput.addEventListener('token', () => { refresh(); loadDeadLetters(); loadWebhooks(); });
refresh();
loadDeadLetters();
loadWebhooks();
setInterval(loadWebhooks, 10000);
setInterval(refresh, 2000);
setInterval(loadDeadLetters, 10000);
