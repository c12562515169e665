// The diary page: record (MediaRecorder) or pick a file, submit to the ingestion API, watch the job by
// long polling this API (?wait= with If-None-Match), read the note and transcript, delete the entry.
import { api, el, tokenInput, when } from '/common.js';

const $ = (id) => document.getElementById(id);
// Not awaited here: the listeners below must be in place as soon as the page is.
const config = fetch('/pages/config.json').then((r) => r.json());
let recorded = null;      // Blob from MediaRecorder
let recorder = null;
let current = null;       // id of the entry shown
let watchToken = 0;       // bumps to stop an older watch loop

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
  document.querySelectorAll('tr[data-job-id]').forEach((tr) => tr.classList.toggle('selected', tr.dataset.jobId === id));
  $('entry').hidden = false;
  $('entry-id').textContent = id;
  $('note').replaceChildren();
  $('transcript').textContent = '';
  $('audio').hidden = true;
  let etag = null;
  // Long poll: the server answers when the job changes (or after 25 s with 304).
  while (mine === watchToken) {
    let res;
    try {
      res = await api(`/v1/jobs/${id}?wait=${etag ? 25 : 0}`, { headers: etag ? { 'If-None-Match': etag } : {} });
    } catch (e) {
      $('entry-error').textContent = e.message;
      return;
    }
    if (mine !== watchToken) return;
    if (res.status === 200) {
      etag = res.headers.get('ETag');
      const job = await res.json();
      render(job);
      if (['completed', 'failed', 'cancelled'].includes(job.status)) {
        if (job.links.note || job.links.transcript) await loadResults(job);
        loadJobs();
        return;
      }
    }
  }
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
    $('entry').hidden = true;
    document.querySelector(`tr[data-job-id="${current}"]`)?.remove();
    $('jobs-state').textContent = 'Entry deleted.';
    current = null;
  } catch (e) {
    $('entry-error').textContent = e.message;
  }
});

loadJobs();
