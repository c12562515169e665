// Shared by the diary and operations pages: the bearer token (kept in localStorage) and fetch helpers
// that turn problem+json errors into readable messages.
export const tokenInput = document.getElementById('token');
tokenInput.value = localStorage.getItem('daybook.token') || '';
tokenInput.addEventListener('change', () => {
  localStorage.setItem('daybook.token', tokenInput.value.trim());
  tokenInput.dispatchEvent(new Event('token'));
});

export function authHeaders(extra = {}) {
  const token = tokenInput.value.trim();
  return token ? { Authorization: 'Bearer ' + token, ...extra } : extra;
}

export async function api(url, options = {}) {
  const res = await fetch(url, { ...options, headers: authHeaders(options.headers || {}) });
  if (!res.ok && res.status !== 304) {
    let message = res.status + ' ' + res.statusText;
    try {
      const problem = await res.json();
      message = (problem.code || res.status) + ': ' + (problem.detail || problem.title || '');
    } catch (e) { /* not problem+json */ }
    const err = new Error(message);
    err.status = res.status;
    throw err;
  }
  return res;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** A diary date: "Sat, 5 Dec 2026". A bare date (2026-12-05, a recap's period) is that day, wherever the reader is. */
export function day(iso) {
  if (!iso) return '';
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Date(iso).toLocaleDateString(undefined,
    { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', ...(bare ? { timeZone: 'UTC' } : {}) });
}

/** A time in a recording: "1:05". */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

/** The pages' panes open an entry through this event; the diary page shows it. */
export function openEntry(id) {
  document.dispatchEvent(new CustomEvent('open-entry', { detail: id }));
}

/** A mood badge: its label, coloured by the score's sign (-1 … 1). */
export function moodBadge(mood) {
  if (!mood || !mood.label) return '';
  const tone = mood.score > 0.25 ? 'up' : mood.score < -0.25 ? 'down' : 'even';
  return el('span', { class: 'mood ' + tone, 'data-testid': 'mood', title: mood.score == null ? '' : 'mood score ' + mood.score }, mood.label);
}
