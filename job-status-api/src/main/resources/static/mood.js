// Mood over time: GET /v1/mood drawn as an inline SVG line, one point per bucket (its average score, -1 … 1),
// each point titled with its date, the dominant mood and how many entries it holds.
import { api, el, tokenInput } from '/common.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const RANGES = { day: 30, week: 7 * 12, month: 365 };   // days back from today for each bucket size
const W = 320, H = 140, PAD_L = 26, PAD_R = 8, PAD_T = 10, PAD_B = 22;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const iso = (d) => d.toISOString().slice(0, 10);

export async function loadMood() {
  if (!tokenInput.value.trim()) return;
  const bucket = $('mood-bucket').value;
  const to = new Date();
  const from = new Date(to.getTime() - RANGES[bucket] * 86_400_000);
  $('mood-state').textContent = '';
  try {
    const mood = await (await api(`/v1/mood?from=${iso(from)}&to=${iso(to)}&bucket=${bucket}`)).json();
    draw(mood);
  } catch (e) {
    $('mood-state').textContent = e.message;
  }
}

function draw(mood) {
  const chart = $('mood-chart');
  chart.replaceChildren();
  const t0 = Date.parse(mood.from), t1 = Math.max(Date.parse(mood.to), t0 + 86_400_000);
  const x = (d) => PAD_L + (W - PAD_L - PAD_R) * Math.min(1, Math.max(0, (Date.parse(d) - t0) / (t1 - t0)));
  const y = (s) => PAD_T + (H - PAD_T - PAD_B) * (1 - s) / 2;
  for (const s of [1, 0, -1]) {
    chart.append(svg('line', { x1: PAD_L, x2: W - PAD_R, y1: y(s), y2: y(s), class: s === 0 ? 'axis zero' : 'axis' }),
      svg('text', { x: PAD_L - 4, y: y(s) + 4, 'text-anchor': 'end', class: 'tick' }, s > 0 ? '+1' : String(s)));
  }
  chart.append(svg('text', { x: PAD_L, y: H - 6, class: 'tick' }, mood.from),
    svg('text', { x: W - PAD_R, y: H - 6, 'text-anchor': 'end', class: 'tick' }, mood.to));
  const points = mood.buckets.map((b) => [x(b.start), y(b.average_score), b]);
  if (points.length > 1) {
    chart.append(svg('polyline', { class: 'line', points: points.map(([px, py]) => `${px},${py}`).join(' ') }));
  }
  for (const [px, py, b] of points) {
    const dot = svg('circle', { cx: px, cy: py, r: 4, class: 'point', 'data-start': b.start });
    dot.append(svg('title', {}, `${b.start}: ${b.dominant_label}, ${b.average_score.toFixed(2)} (${b.count} ${b.count === 1 ? 'entry' : 'entries'})`));
    chart.append(dot);
  }
  const summary = points.length
    ? `${points.length} ${mood.bucket}s with entries; most recent: ${points.at(-1)[2].dominant_label}`
    : 'No moods recorded in this range.';
  chart.setAttribute('aria-label', 'Mood from ' + mood.from + ' to ' + mood.to + ': ' + summary);
  $('mood-state').textContent = summary;
}

$('mood-bucket').addEventListener('change', loadMood);
