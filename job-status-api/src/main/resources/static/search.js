// The search box: GET /v1/search, hits with their snippet (the matched words marked) and, for a spoken entry,
// a button that plays the recording from where the first matched word is said.
import { api, day, el, moodBadge, openEntry } from '/common.js';
import { playButton } from '/player.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;
let query = null;
let next = null;

$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('q').value.trim();
  if (!q) { clear(); return; }
  query = q;
  $('hits').replaceChildren();
  more(null);
});
$('search-clear').addEventListener('click', () => { $('q').value = ''; clear(); $('q').focus(); });
$('search-more').addEventListener('click', () => more(next));

function clear() {
  query = null;
  $('search-results').hidden = true;
  $('search-clear').hidden = true;
}

async function more(cursor) {
  $('search-results').hidden = false;
  $('search-clear').hidden = false;
  $('search-more').hidden = true;
  $('search-state').textContent = 'searching…';
  const asked = query;
  try {
    const params = new URLSearchParams({ q: asked, limit: PAGE });
    if (cursor) params.set('cursor', cursor);
    const page = await (await api('/v1/search?' + params)).json();
    if (asked !== query) return; // a newer search has started
    $('hits').append(...page.hits.map(hit));
    next = page.next_cursor;
    $('search-more').hidden = !next;
    const n = $('hits').children.length;
    $('search-state').textContent = n ? `${n} ${n === 1 ? 'entry' : 'entries'} for “${asked}”` : `Nothing found for “${asked}”.`;
  } catch (e) {
    $('search-state').textContent = e.message;
  }
}

function hit(h) {
  return el('li', { class: 'card hit', 'data-hit-id': h.id },
    el('button', { type: 'button', class: 'card-open', onclick: () => openEntry(h.id) },
      el('span', { class: 'card-head' }, el('time', { datetime: h.date || h.created_at }, day(h.date || h.created_at)), moodBadge(h.mood ? { label: h.mood } : null)),
      el('span', { class: 'card-title' }, h.title || 'Untitled entry')),
    el('p', { class: 'snippet', 'data-testid': 'snippet' }, ...snippet(h.snippet)),
    h.at_ms == null ? '' : playButton(h.id, h.at_ms, h.title));
}

/**
 * The API's snippet is HTML whose only markup is <mark>…</mark> around the matched words, the diary's text
 * escaped. It is never parsed as HTML here: split at the marks, each piece unescaped into a text node, and the
 * marks built as elements.
 */
export function snippet(html) {
  const nodes = [];
  let marked = false;
  for (const part of (html || '').split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) nodes.push(marked ? el('mark', {}, unescape(part)) : unescape(part));
  }
  return nodes;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
