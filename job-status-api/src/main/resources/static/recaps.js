// Recaps: GET /v1/recaps ({items, next_cursor}, newest first), each highlight citing the entries it comes from; a
// cited entry opens from its date, and a cited moment of a recording plays from there. "Recap last week/month"
// asks for one (POST /v1/recaps) and follows it until it is written or has failed. A server without recaps answers
// 404, and the pane says so instead of failing.
import { api, day, el, openEntry, tokenInput } from '/common.js';
import { playButton } from '/player.js';

const $ = (id) => document.getElementById(id);
const UNAVAILABLE = 'Recaps are not available on this server.';
const FINAL = ['completed', 'failed'];

export async function loadRecaps() {
  if (!tokenInput.value.trim()) return;
  $('recaps-state').textContent = '';
  try {
    const page = await (await api('/v1/recaps?limit=5')).json();
    $('recap-actions').hidden = false;
    $('recaps').replaceChildren(...page.items.map(recap));
    if (!page.items.length) $('recaps-state').textContent = 'No recaps yet.';
  } catch (e) {
    $('recaps').replaceChildren();
    $('recap-actions').hidden = e.status === 404;
    $('recaps-state').textContent = e.status === 404 ? UNAVAILABLE : e.message;
  }
}

/** "Week of Mon, 2 Mar 2026 – …", "Month of …"; a recap of any from..to is labelled by its dates (one day: one). */
function span(r) {
  const range = r.from === r.to ? day(r.from) : `${day(r.from)} – ${day(r.to)}`;
  return r.period === 'month' ? 'Month of ' + range : r.period === 'week' ? 'Week of ' + range : range;
}

function recap(r) {
  const meta = [r.title ? span(r) : '',
    r.entry_count == null ? '' : `${r.entry_count} ${r.entry_count === 1 ? 'entry' : 'entries'}`,
    FINAL.includes(r.status) ? '' : (r.status === 'queued' ? 'waiting' : 'being written') + '…'];
  const by = r.generated_by ? `written by ${r.generated_by.provider}/${r.generated_by.model}` : '';
  return el('li', { class: 'recap' + (r.status === 'failed' ? ' failed' : ''), 'data-recap-id': r.id,
    'data-status': r.status },
  el('h3', {}, r.title || span(r)),
  el('p', { class: 'muted', 'data-testid': 'recap-span' }, meta.filter(Boolean).join(' · ')),
  r.status === 'failed' ? el('p', { class: 'error', 'data-testid': 'recap-error' },
    'This recap could not be written: ', r.error ? `${r.error.message} (${r.error.code})` : 'no reason given',
    '. Ask for it again.') : '',
  r.summary ? el('p', {}, r.summary) : '',
  el('ul', { class: 'highlights' }, (r.highlights || []).map((h) => el('li', { 'data-testid': 'highlight' }, h.text, ' ',
    (h.entries || []).map((c) => el('span', { class: 'cite', 'data-testid': 'cite', 'data-job-id': c.job_id },
      el('button', { type: 'button', class: 'link', title: 'Open this entry', onclick: () => openEntry(c.job_id) },
        day(c.date)),
      c.start_ms == null ? '' : playButton(c.job_id, c.start_ms, r.title)))))),
  by ? el('p', { class: 'muted small', 'data-testid': 'recap-by' }, by) : '');
}

/** Asks for a recap and follows it (GET links.self) until it is written or has failed, then shows the list. */
async function ask(period) {
  $('recaps-state').textContent = `Asking for a recap of the last ${period}…`;
  try {
    let r = await (await api('/v1/recaps', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ period }) })).json();
    $('recaps-state').textContent = `A recap of the last ${period} is being written; it appears here when done.`;
    await loadRecaps();
    for (let waited = 0; !FINAL.includes(r.status) && waited < 120_000; waited += 1500) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      r = await (await api(r.links.self)).json();
    }
    await loadRecaps();
  } catch (e) {
    $('recaps-state').textContent = e.status === 404 ? UNAVAILABLE : e.message;
  }
}

$('recap-week').addEventListener('click', () => ask('week'));
$('recap-month').addEventListener('click', () => ask('month'));
