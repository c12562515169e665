// The diary's index beside the entries: the people and places it mentions (each opening to its entries) and the
// to-dos its notes found, ticked off here or confirmed where a later entry says they were done.
import { api, day, el, openEntry, tokenInput } from '/common.js';

const $ = (id) => document.getElementById(id);

// ---- people and places ---------------------------------------------------------------------------
async function loadNames(list) {
  const box = $(list);
  const state = $(list + '-state');
  state.textContent = '';
  try {
    const page = await (await api(`/v1/${list}?limit=50`)).json();
    box.replaceChildren(...page.items.map((n) => nameItem(list, n)));
    if (!page.items.length) state.textContent = list === 'people' ? 'Nobody mentioned yet.' : 'No places yet.';
  } catch (e) {
    state.textContent = e.message;
  }
}

function nameItem(list, n) {
  const mentions = el('ul', { class: 'mentions', hidden: '' });
  const toggle = el('button', { type: 'button', class: 'name', 'aria-expanded': 'false', onclick: async () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    mentions.hidden = !open;
    if (open && !mentions.children.length) await loadMentions(list, n.key, mentions);
  } }, n.name);
  return el('li', { 'data-name-key': n.key },
    toggle, ' ', el('span', { class: 'muted' }, `${n.mentions}× · last ${day(n.last_mentioned)}`), mentions);
}

async function loadMentions(list, key, into) {
  try {
    const page = await (await api(`/v1/${list}/mentions?key=${encodeURIComponent(key)}&limit=20`)).json();
    into.replaceChildren(...page.entries.map((m) => el('li', {}, entryLink(m.id, m.date, m.title))));
  } catch (e) {
    into.replaceChildren(el('li', { class: 'error' }, e.message));
  }
}

export function entryLink(id, date, title) {
  return el('button', { type: 'button', class: 'link', onclick: () => openEntry(id) },
    day(date) + (title ? ' — ' + title : ''));
}

// ---- to-dos --------------------------------------------------------------------------------------
function todoState() {
  return document.querySelector('input[name="todo-state"]:checked').value;
}

async function loadTodos() {
  $('todos-state').textContent = '';
  try {
    const page = await (await api(`/v1/todos?state=${todoState()}&limit=100`)).json();
    $('todos').replaceChildren(...page.items.map(todoItem));
    if (!page.items.length) $('todos-state').textContent = todoState() === 'open' ? 'Nothing to do.' : 'Nothing done yet.';
  } catch (e) {
    $('todos-state').textContent = e.message;
  }
}

function todoItem(t) {
  const box = el('input', { type: 'checkbox', id: 'todo-' + t.id, onchange: () => mark(t, box.checked ? 'done' : 'open', li) });
  box.checked = t.state === 'done';
  const li = el('li', { class: 'todo', 'data-todo-id': t.id },
    box, el('label', { for: 'todo-' + t.id }, t.text), ' ',
    el('span', { class: 'muted' }, entryLink(t.entry_id, t.entry_date, '')));
  if (t.state === 'open' && t.suggested_done_by) {
    li.append(el('div', { class: 'suggestion', 'data-testid': 'todo-suggestion' },
      'A later entry sounds like this is done. ',
      el('button', { type: 'button', onclick: () => mark(t, 'done', li) }, 'Confirm done'), ' ',
      el('button', { type: 'button', class: 'link', onclick: () => openEntry(t.suggested_done_by) }, 'see entry')));
  }
  return li;
}

/** PATCHes the to-do; it then leaves this list (it belongs to the other tab now). */
async function mark(t, state, li) {
  try {
    await api(`/v1/todos/${t.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state }) });
    li.remove();
    $('todos-state').textContent = state === 'done' ? `Done: ${t.text}` : `Open again: ${t.text}`;
  } catch (e) {
    $('todos-state').textContent = e.message;
  }
}

document.querySelectorAll('input[name="todo-state"]').forEach((r) => r.addEventListener('change', loadTodos));

export function loadPanes() {
  if (!tokenInput.value.trim()) return;
  loadNames('people');
  loadNames('places');
  loadTodos();
}
