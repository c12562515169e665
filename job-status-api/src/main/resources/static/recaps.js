// Recaps: GET /v1/recaps (newest first), each highlight citing the entries it comes from; a cited moment of a
// recording plays from there. POST /v1/recaps asks for one now. A server without recaps answers 404, and the
// pane says so instead of failing.
import { api, day, el, openEntry, tokenInput } from '/common.js';
import { playButton } from '/player.js';

const $ = (id) => document.getElementById(id);

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
    $('recaps-state').textContent = e.status === 404 ? 'Recaps are not available on this server.' : e.message;
  }
}

function recap(r) {
  const span = `${r.period === 'month' ? 'Month' : 'Week'} of ${day(r.from)} – ${day(r.to)}`;
  return el('li', { class: 'recap', 'data-recap-id': r.id },
    el('h3', {}, r.title || span),
    el('p', { class: 'muted' }, r.title ? span : '', r.status === 'completed' ? '' : ` (${r.status})`),
    r.summary ? el('p', {}, r.summary) : '',
    el('ul', { class: 'highlights' }, (r.highlights || []).map((h) => el('li', {}, h.text, ' ',
      (h.entries || []).map((c) => el('span', { class: 'cite', 'data-testid': 'cite' },
        el('button', { type: 'button', class: 'link', onclick: () => openEntry(c.job_id) }, day(c.date)),
        c.start_ms == null ? '' : playButton(c.job_id, c.start_ms, r.title)))))));
}

async function ask(period) {
  $('recaps-state').textContent = `asking for a ${period}ly recap…`;
  try {
    await api('/v1/recaps', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ period }) });
    $('recaps-state').textContent = `A recap of the last ${period} is being written; it appears here when done.`;
    setTimeout(loadRecaps, 3000);
  } catch (e) {
    $('recaps-state').textContent = e.status === 404 ? 'Recaps are not available on this server.' : e.message;
  }
}

$('recap-week').addEventListener('click', () => ask('week'));
$('recap-month').addEventListener('click', () => ask('month'));
