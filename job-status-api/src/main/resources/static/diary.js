// The diary page: record (MediaRecorder), pick a file or type an entry, submit it to the ingestion API, follow
// the job through its Server-Sent Events (progress, the words as they are recognised), read the note and
// transcript, delete the entry. The entries are listed as a diary lists them (date, title, mood, length, first
// words), older ones loaded as the list scrolls; search, the index panes, the mood chart, the recaps and the
// player live in their own modules.
import { api, authHeaders, clock, day, el, moodBadge, tokenInput } from '/common.js';
import { playFrom } from '/player.js';
import { loadPanes } from '/panes.js';
import { loadMood } from '/mood.js';
import { loadRecaps } from '/recaps.js';
import '/search.js';

const $ = (id) => document.getElementById(id);
// Not awaited here: the listeners below must be in place as soon as the page is.
const config = fetch('/pages/config.json').then((r) => r.json());
let recorded = null;      // Blob from MediaRecorder
let recorder = null;
let current = null;       // id of the entry shown
let watchToken = 0;       // bumps to stop an older watch loop
let live = null;          // AbortController of the open event stream, so a left entry frees its stream at once

// ---- choosing audio, or writing ------------------------------------------------------------------
$('file').addEventListener('change', () => { recorded = null; updateSubmit(); });
$('text').addEventListener('input', updateSubmit);

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
    $('rec-state').replaceChildren(el('span', { class: 'rec' }, 'recording…'));
  } catch (e) {
    $('rec-state').textContent = 'cannot record: ' + e.message;
  }
});

function updateSubmit() {
  $('submit').disabled = !(recorded || $('file').files.length || $('text').value.trim());
}

// ---- submitting ----------------------------------------------------------------------------------
// A recording or a file goes up as multipart; an entry typed with neither goes as JSON {"text"}.
function submission() {
  const language = $('language').value.trim();
  if (!recorded && !$('file').files.length) {
    const body = { text: $('text').value, priority: $('priority').value, ...(language ? { language } : {}) };
    return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }
  const form = new FormData();
  if (recorded) form.append('audio', recorded, 'recording.' + (recorded.type.includes('ogg') ? 'ogg' : 'webm'));
  else form.append('audio', $('file').files[0]);
  if (language) form.append('language', language);
  form.append('priority', $('priority').value);
  return { method: 'POST', body: form };
}

$('submit').addEventListener('click', async () => {
  const typed = !recorded && !$('file').files.length;
  $('submit').disabled = true;
  $('submit-state').textContent = typed ? 'sending…' : 'uploading…';
  try {
    const res = await api((await config).ingestion_base_url + '/v1/jobs', submission());
    const job = await res.json();
    $('submit-state').textContent = 'submitted ' + job.id;
    if (typed) $('text').value = '';
    await loadJobs();
    show(job.id);
  } catch (e) {
    $('submit-state').replaceChildren(el('span', { class: 'error' }, e.message));
  } finally {
    updateSubmit();
  }
});

// ---- listing -------------------------------------------------------------------------------------
// Newest first, a page at a time on the listing's keyset cursor: the next page loads when the end of the list
// comes near the viewport, or from the "Load older entries" button (keyboards; browsers without observers).
const PAGE = 20;
const listed = new Map();   // id -> the job as listed (with its entry), so a live update keeps the rest of its card
let nextCursor = null;
let listing = 0;            // bumps when the list starts over, so a page of an older listing is dropped
let loadingMore = false;

async function loadJobs() {
  const mine = ++listing;
  nextCursor = null;
  listed.clear();
  $('jobs').replaceChildren();
  $('jobs-more').hidden = true;
  $('jobs-state').textContent = '';
  if (!tokenInput.value.trim()) { $('jobs-state').textContent = 'Paste a token to see your entries.'; return; }
  await loadPage(null, mine);
  if (mine === listing && !listed.size && !$('jobs-state').textContent) $('jobs-state').textContent = 'No entries yet.';
}

async function loadPage(cursor, mine) {
  loadingMore = true;
  try {
    const page = await (await api(`/v1/jobs?order=date&limit=${PAGE}` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))).json();
    if (mine !== listing) return;
    for (const job of page.jobs) listed.set(job.id, job);
    $('jobs').append(...page.jobs.map(card));
    nextCursor = page.next_cursor;
    $('jobs-more').hidden = !nextCursor;
  } catch (e) {
    if (mine === listing) $('jobs-state').textContent = e.message;
  } finally {
    loadingMore = false;
  }
}

async function loadOlder() {
  if (!nextCursor || loadingMore) return;
  await loadPage(nextCursor, listing);
  // a page that did not fill the screen leaves the end in view, where the observer fires no second time
  if (nextCursor && $('jobs-end').getBoundingClientRect().top < innerHeight + 600) loadOlder();
}

new IntersectionObserver((seen) => { if (seen.some((s) => s.isIntersecting)) loadOlder(); }, { rootMargin: '600px' })
  .observe($('jobs-end'));
$('jobs-more').addEventListener('click', loadOlder);

function length(entry) {
  if (entry.duration_s != null) return clock(entry.duration_s * 1000);
  if (entry.word_count != null) return entry.word_count + (entry.word_count === 1 ? ' word' : ' words');
  return '';
}

function card(job) {
  const entry = job.entry || {};
  const done = job.status === 'completed';
  const date = entry.date || job.created_at;
  return el('li', { class: 'card' + (job.id === current ? ' selected' : ''), 'data-job-id': job.id },
    el('button', { type: 'button', class: 'card-open', onclick: () => show(job.id) },
      el('span', { class: 'card-head' },
        el('time', { datetime: date, title: new Date(date).toLocaleString() }, day(date)),
        moodBadge(entry.mood),
        el('span', { class: 'length', 'data-testid': 'length' }, length(entry)),
        done ? '' : el('span', { class: 'status ' + job.status },
          job.status + (job.progress && job.progress < 1 ? ` ${Math.round(job.progress * 100)} %` : ''))),
      el('span', { class: 'card-title', 'data-testid': 'entry-title' }, entry.title || (done ? 'Untitled entry' : 'New entry')),
      entry.excerpt ? el('span', { class: 'excerpt', 'data-testid': 'excerpt' }, entry.excerpt) : ''));
}

/** Redraws a listed entry's card after a live update; the note, once read, gives its title and mood. */
function updateCard(job, note) {
  const li = document.querySelector(`li[data-job-id="${job.id}"]`);
  if (!li) return;
  const before = listed.get(job.id) || {};
  const entry = { ...(before.entry || {}) };
  if (note) { entry.title = note.title; entry.mood = note.mood; }
  const now = { ...before, ...job, entry };
  listed.set(job.id, now);
  li.replaceWith(card(now));
}

$('refresh').addEventListener('click', () => { loadJobs(); loadAll(); });

// ---- one entry -----------------------------------------------------------------------------------
async function show(id) {
  current = id;
  const mine = ++watchToken;
  live?.abort();
  document.querySelectorAll('li[data-job-id]').forEach((li) => li.classList.toggle('selected', li.dataset.jobId === id));
  $('entry').hidden = false;
  $('entry-id').textContent = id;
  const known = listed.get(id);
  $('entry-date').textContent = known ? [day(known.entry?.date || known.created_at), length(known.entry || {})].filter(Boolean).join(' · ') : 'Entry';
  $('note').replaceChildren();
  $('transcript').textContent = '';
  $('live-transcript').textContent = '';
  $('live-transcript').hidden = true;
  $('entry').scrollIntoView({ block: 'start' });
  $('entry').focus({ preventScroll: true });
  await follow(id, mine);
}

$('entry-close').addEventListener('click', () => {
  watchToken++;
  live?.abort();
  $('entry').hidden = true;
  document.querySelector(`li[data-job-id="${current}"] .card-open`)?.focus();
  current = null;
});

document.addEventListener('open-entry', (e) => show(e.detail));

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
    let note = null;
    if (job.links.note || job.links.transcript) {
      note = await loadResults(job);
      $('live-transcript').hidden = true;
    }
    if (listed.has(job.id)) updateCard(job, note); else loadJobs();
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
  $('play').hidden = !(job.links && job.links.audio);
  if (!listed.has(job.id)) $('entry-date').textContent = day(job.created_at); // opened from a pane, not the list
  updateCard(job, null);
}

async function loadResults(job) {
  let note = null;
  if (job.links.note) {
    note = await (await api(job.links.note)).json();
    $('note').replaceChildren(
      el('h3', { 'data-testid': 'note-title' }, note.title || ''),
      el('p', { 'data-testid': 'note-summary' }, note.summary || ''),
      note.mood ? el('p', {}, 'Mood: ', moodBadge(note.mood)) : '',
      list('Highlights', note.highlights), list('To do', note.todos),
      list('People', note.people), list('Places', note.places),
      note.tags && note.tags.length ? el('p', { class: 'muted' }, note.tags.map((t) => '#' + t).join(' ')) : '');
  }
  if (job.links.transcript) {
    const t = await (await api(job.links.transcript)).json();
    $('transcript').replaceChildren(...transcriptView(t));
    $('transcript').classList.toggle('playable', Boolean(job.links.audio && t.words && t.words.length));
  }
  return note;
}

// Words the recogniser was unsure of are marked (dotted underline, confidence on hover), so the reader knows
// which to check; a transcript without word confidences (Whisper, older entries) is shown as plain text.
const LOW_CONFIDENCE = 0.6;

function transcriptView(t) {
  if (!t.words || !t.words.length) return [t.text || ''];
  return t.words.flatMap((w, i) => {
    const low = typeof w.confidence === 'number' && w.confidence < LOW_CONFIDENCE;
    const word = low
      ? el('span', { class: 'low-confidence', 'data-testid': 'low-confidence-word', 'data-ms': w.start_ms,
          title: `confidence ${Math.round(w.confidence * 100)} %` }, w.text)
      : el('span', { 'data-ms': w.start_ms }, w.text);
    return i ? [' ', word] : [word];
  });
}

// A click on a word of a recorded entry plays the recording from that word (the ▶ button does it from the start).
$('transcript').addEventListener('click', (e) => {
  const ms = e.target.closest('[data-ms]')?.dataset.ms;
  if (ms !== undefined && !$('play').hidden) playFrom(current, Number(ms), listed.get(current)?.entry?.title);
});

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

$('play').addEventListener('click', () => playFrom(current, 0, listed.get(current)?.entry?.title));

$('delete').addEventListener('click', async () => {
  if (!confirm('Delete this entry, its recording, transcript and note? This cannot be undone.')) return;
  try {
    await api(`/v1/jobs/${current}`, { method: 'DELETE' });
    watchToken++;
    live?.abort();
    $('entry').hidden = true;
    document.querySelector(`li[data-job-id="${current}"]`)?.remove();
    listed.delete(current);
    $('jobs-state').textContent = 'Entry deleted.';
    current = null;
    loadAll(); // its names, to-dos and mood went with it
  } catch (e) {
    $('entry-error').textContent = e.message;
  }
});

function loadAll() {
  loadPanes();
  loadMood();
  loadRecaps();
}

// On a phone the panes stack above the entries: they start folded, so the entries are a thumb's scroll away.
if (matchMedia('(max-width: 860px)').matches) {
  document.querySelectorAll('details.pane, #new-entry details').forEach((d) => { d.open = false; });
}

tokenInput.addEventListener('token', () => { loadJobs(); loadAll(); });
loadJobs();
loadAll();
