// One player for the page: an entry's recording, fetched with the bearer token (an <audio> element cannot send
// it) and played from a blob URL, from any moment a search hit, a recap or the entry itself points at.
import { api, clock, el } from '/common.js';

const bar = document.getElementById('player-bar');
const audio = document.getElementById('player');
const label = document.getElementById('player-label');
let loaded = null;   // the entry whose recording the player holds
let url = null;

document.getElementById('player-close').addEventListener('click', () => {
  audio.pause();
  bar.hidden = true;
});

/** Plays entry {@code id}'s recording from {@code ms}; {@code title} names it in the player bar. */
export async function playFrom(id, ms, title) {
  bar.hidden = false;
  label.textContent = (title || 'Recording') + (ms ? ' · from ' + clock(ms) : '');
  try {
    if (loaded !== id) {
      const blob = await (await api(`/v1/jobs/${id}/audio`)).blob();
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      loaded = id;
      audio.src = url;
      await new Promise((resolve, reject) => {
        audio.addEventListener('loadedmetadata', resolve, { once: true });
        audio.addEventListener('error', () => reject(new Error('the recording cannot be played here')), { once: true });
      });
    }
    audio.dataset.entryId = id;
    audio.dataset.fromMs = String(ms || 0);
    audio.currentTime = (ms || 0) / 1000;
    await audio.play().catch(() => {}); // a browser without sound output still seeks
  } catch (e) {
    label.replaceChildren(el('span', { class: 'error' }, 'cannot play: ' + e.message));
  }
}

/** A "▶ 0:03" button that plays {@code id} from {@code ms}. */
export function playButton(id, ms, title) {
  return el('button', { type: 'button', class: 'play', 'data-testid': 'play', 'data-ms': String(ms),
    'aria-label': `Play ${title || 'the recording'} from ${clock(ms)}`, onclick: () => playFrom(id, ms, title) },
  '▶ ' + clock(ms));
}
