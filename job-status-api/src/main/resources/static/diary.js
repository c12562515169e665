// The diary page: record (MediaRecorder) or pick a file, submit to the ingestion API, follow the job through
// its Server-Sent Events (progress, the words as they are recognised), read the note and transcript, delete
// the entry.
import { api, authHeaders, el, tokenInput, when } from '/common.js';

const $ = (id) => document.getElementById(id);
// Not awaited here: the listeners below must be in place as soon as the page is.
const config = fetch('/pages/config.json').then((r) => r.json());
let recorded = null;      // Blob from MediaRecorder
let recorder = null;
let current = null;       // id of the entry shown
let watchToken = 0;       // bumps to stop an older watch loop
let live = null;          // AbortController of the open event stream, so a left entry frees its stream at once

// ---- choosing audio -------------------------------------------------------------------------------
$('file').addEventListener('change', () => { recorded = null; updateSubmit(); });

$('record').addEventListener('click', async () => {
  if (recorder && recorder.state === 'recording') { recorder.stop(); return; }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      recorded = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
      $('record').textContent = '● Record';
      $('rec-state').textContent = `recorded ${(recorded.size / 1024).toFixed(0)} KiB`;
      $('file').value = '';
      updateSubmit();
    };
    recorder.start();
    $('record').textContent = '■ Stop';
    $('rec-state').innerHTML = '<span class="rec">recording…</span>';
  } catch (e) {
    $('rec-state').textContent = 'cannot record: ' + e.message;
  }
});

function updateSubmit() {
  $('submit').disabled = !(recorded || $('file').files.length);
}

// ---- submitting ----------------------------------------------------------------------------------
$('submit').addEventListener('click', async () => {
  const form = new FormData();
  if (recorded) form.append('audio', recorded, 'recording.' + (recorded.type.includes('ogg') ? 'ogg' : 'webm'));
  else form.append('audio', $('file').files[0]);
  if ($('language').value.trim()) form.append('language', $('language').value.trim());
  form.append('priority', $('priority').value);
  $('submit').disabled = true;
  $('submit-state').textContent = 'uploading…';
  try {
    const res = await api((await config).ingestion_base_url + '/v1/jobs', { method: 'POST', body: form });
    const job = await res.json();
    $('submit-state').textContent = 'submitted ' + job.id;
    await loadJobs();
    show(job.id);
  } catch (e) {
    $('submit-state').innerHTML = '';
    $('submit-state').append(el('span', { class: 'error' }, e.message));
  } finally {
    updateSubmit();
  }
});

// ---- listing -------------------------------------------------------------------------------------
async function loadJobs() {
  $('jobs-state').textContent = '';
  if (!tokenInput.value.trim()) { $('jobs-state').textContent = 'Paste a token to see your entries.'; return; }
  try {
    const page = await (await api('/v1/jobs?limit=50')).json();
    $('jobs').replaceChildren(...page.jobs.map(row));
    if (!page.jobs.length) $('jobs-state').textContent = 'No entries yet.';
  } catch (e) {
    $('jobs-state').textContent = e.message;
  }
}

function row(job) {
  return el('tr', { 'data-job-id': job.id, class: job.id === current ? 'selected' : '', onclick: () => show(job.id) },
    el('td', {}, when(job.created_at)),
    el('td', { class: 'status ' + job.status }, job.status),
    el('td', {}, Math.round(job.progress * 100) + '%'),
    el('td', { class: 'muted' }, job.id));
}

$('refresh').addEventListener('click', loadJobs);
tokenInput.addEventListener('token', loadJobs);

// ---- one entry -----------------------------------------------------------------------------------
async function show(id) {
  current = id;
  const mine = ++watchToken;
  live?.abort();
  document.querySelectorAll('tr[data-job-id]').forEach((tr) => tr.classList.toggle('selected', tr.dataset.jobId === id));
  $('entry').hidden = false;
  $('entry-id').textContent = id;
  $('note').replaceChildren();
  $('transcript').textContent = '';
  $('audio').hidden = true;
  $('live-transcript').textContent = '';
  $('live-transcript').hidden = true;
  await follow(id, mine);
}

// ---- following an entry live -----------------------------------------------------------------------
// EventSource cannot send the Authorization header, so the stream is read with fetch and parsed here. When it
// drops, the page reconnects with Last-Event-ID and the server replays what was missed.
const FINAL = ['completed', 'failed', 'cancelled', 'deleted'];

async function follow(id, mine) {
  let lastId = null;
  let delay = 1000;
  let shown = null;
  while (mine === watchToken) {
    try {
      const headers = authHeaders({ Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) });
      live = new AbortController();
      const res = await fetch(`/v1/jobs/${id}/events`, { headers, signal: live.signal });
      if (!res.ok) {
        const problem = await res.json().catch(() => ({}));
        $('entry-error').textContent = (problem.code || res.status) + ': ' + (problem.detail || res.statusText);
        if (res.status !== 429 && res.status !== 503) return;
      } else {
        delay = 1000;
        $('entry-error').textContent = '';
        for await (const ev of sseEvents(res.body)) {
          if (mine !== watchToken) return;
          if (ev.id !== null) lastId = ev.id;
          shown = await apply(id, ev, shown);
          if (FINAL.includes(shown.status)) return;
        }
      }
    } catch (e) {
      if (mine !== watchToken) return;
      $('entry-error').textContent = 'reconnecting: ' + e.message;
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 15_000);
  }
}

/** Yields {id, type, data} per event of a text/event-stream body; id is null when the event carried none. */
async function* sseEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ev = { id: null, type: 'message', data: null };
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop();
      for (const line of lines) {
        if (line === '') {
          if (ev.data !== null) yield { ...ev, data: JSON.parse(ev.data) };
          ev = { id: null, type: 'message', data: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') ev.id = value;
          else if (field === 'event') ev.type = value;
          else if (field === 'data') ev.data = ev.data === null ? value : ev.data + '\n' + value;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Shows one event; returns the job as now known (a snapshot brings all of it, the others what changed). */
async function apply(id, ev, shown) {
  const d = ev.data;
  if (ev.type === 'partial_transcript' && d.text) {
    const words = $('live-transcript');
    words.hidden = false;
    words.textContent = (words.textContent ? words.textContent + ' ' : '') + d.text;
  }
  let job = d.job || { ...(shown || { id, status: '', stage: '', progress: 0, error: null, links: {} }) };
  if (!d.job) {
    if (d.status) job.status = d.status;
    if (d.stage) job.stage = d.stage;
    if (d.progress !== undefined) job.progress = d.progress;
    // An error code comes with retry and failure events; once the job moves on, the old one no longer applies.
    if (d.code) job.error = { code: d.code, message: '' };
    else if (!['retrying', 'failed'].includes(job.status)) job.error = null;
  }
  if (ev.type === 'deleted') {
    $('entry-status').textContent = 'deleted';
    return { ...job, status: 'deleted' };
  }
  if (FINAL.includes(job.status)) {
    // The final event says what happened; the job itself has the result links and the error message.
    if (!d.job) job = await (await api(`/v1/jobs/${id}`)).json();
    render(job);
    if (job.links.note || job.links.transcript) {
      await loadResults(job);
      $('live-transcript').hidden = true;
    }
    loadJobs();
    return job;
  }
  render(job);
  return job;
}

function render(job) {
  $('entry-status').textContent = job.status + (job.stage && !['completed', 'failed', 'cancelled'].includes(job.status) ? ' · ' + job.stage : '');
  $('entry-status').className = 'status ' + job.status;
  $('entry-progress').value = job.progress;
  $('entry-error').textContent = job.error ? job.error.code + ': ' + job.error.message : '';
  const tr = document.querySelector(`tr[data-job-id="${job.id}"]`);
  if (tr) tr.replaceWith(row(job));
}

async function loadResults(job) {
  if (job.links.note) {
    const note = await (await api(job.links.note)).json();
    $('note').replaceChildren(
      el('h3', { 'data-testid': 'note-title' }, note.title || ''),
      el('p', { 'data-testid': 'note-summary' }, note.summary || ''),
      note.mood ? el('p', { class: 'muted' }, 'Mood: ' + note.mood.label) : '',
      list('Highlights', note.highlights), list('To do', note.todos),
      list('People', note.people), list('Places', note.places),
      note.tags && note.tags.length ? el('p', { class: 'muted' }, note.tags.map((t) => '#' + t).join(' ')) : '');
  }
  if (job.links.transcript) {
    const t = await (await api(job.links.transcript)).json();
    $('transcript').replaceChildren(...transcriptView(t));
  }
}

// Words the recogniser was unsure of are marked (dotted underline, confidence on hover), so the reader knows
// which to check; a transcript without word confidences (Whisper, older entries) is shown as plain text.
const LOW_CONFIDENCE = 0.6;

function transcriptView(t) {
  if (!t.words || !t.words.length) return [t.text || ''];
  return t.words.flatMap((w, i) => {
    const low = typeof w.confidence === 'number' && w.confidence < LOW_CONFIDENCE;
    const word = low
      ? el('span', { class: 'low-confidence', 'data-testid': 'low-confidence-word',
          title: `confidence ${Math.round(w.confidence * 100)} %` }, w.text)
      : w.text;
    return i ? [' ', word] : [word];
  });
}

function list(title, items) {
  if (!items || !items.length) return '';
  return el('div', {}, el('strong', {}, title), el('ul', {}, items.map((i) => el('li', {}, i))));
}

// Downloads need the bearer token, so they go through fetch and a blob URL rather than a plain link.
document.querySelectorAll('a[data-format]').forEach((a) => a.addEventListener('click', async (e) => {
  e.preventDefault();
  const res = await api(`/v1/jobs/${current}/transcript?format=${a.dataset.format}`);
  const url = URL.createObjectURL(await res.blob());
  const link = el('a', { href: url, download: `${current}.${a.dataset.format}` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}));

$('play').addEventListener('click', async () => {
  const res = await api(`/v1/jobs/${current}/audio`);
  $('audio').src = URL.createObjectURL(await res.blob());
  $('audio').hidden = false;
  $('audio').play().catch(() => {});
});

$('delete').addEventListener('click', async () => {
  if (!confirm('Delete this entry, its recording, transcript and note? This cannot be undone.')) return;
  try {
    await api(`/v1/jobs/${current}`, { method: 'DELETE' });
    watchToken++;
    live?.abort();
    $('entry').hidden = true;
    document.querySelector(`tr[data-job-id="${current}"]`)?.remove();
    $('jobs-state').textContent = 'Entry deleted.';
    current = null;
  } catch (e) {
    $('entry-error').textContent = e.message;
  }
});

loadJobs();
