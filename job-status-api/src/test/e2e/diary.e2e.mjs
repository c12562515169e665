// Headless-Chromium test of the diary page as a diarist uses it, against job-status-api with entries the JUnit
// DiaryPageBrowserTest seeded through the real queue and record: the list (date, title, mood, length, first
// words) and its infinite scroll, search with marked snippets and a play button that seeks the recording, the
// people and to-do panes, the mood chart, the recaps pane, and the phone-sized layout. Screenshots go to
// SHOTS_DIR. Environment: STATUS_URL, USER_TOKEN, SPOKEN_ID, SAFE_ID, TOTAL_ENTRIES, MOOD_DAYS, SHOTS_DIR,
// RECAP_FROM, RECAP_TO (a period holding every entry), REFUSED_DAY (a day whose recap the recap stage refuses),
// CHROMIUM (default /usr/bin/chromium). Exit code 0 when every check passed.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const env = process.env;
const STATUS_URL = (env.STATUS_URL || 'http://localhost:8081').replace(/\/$/, '');
const SHOTS = env.SHOTS_DIR || '../../../target/screenshots';
const TOTAL = Number(env.TOTAL_ENTRIES);
const T = { timeout: 15_000 };

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});

function step(name) { console.log('✓ ' + name); }

async function open(viewport, routes = async () => {}) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((t) => localStorage.setItem('daybook.token', t), env.USER_TOKEN);
  const page = await context.newPage();
  await routes(page);
  page.on('pageerror', (e) => { console.error('page error:', e.message); process.exitCode = 1; });
  await page.goto(STATUS_URL + '/');
  return page;
}

const card = (page, id) => page.locator(`#jobs li[data-job-id="${id}"]`);

async function listAndScroll(page) {
  const spoken = card(page, env.SPOKEN_ID);
  await spoken.waitFor(T);
  assert.equal(await spoken.getByTestId('entry-title').textContent(), 'Market walk with Sam');
  assert.equal(await spoken.getByTestId('mood').textContent(), 'content');
  assert.equal(await spoken.getByTestId('length').textContent(), '0:06');
  assert.match(await spoken.getByTestId('excerpt').textContent(), /^Today I walked to the market with Sam\./);
  assert.match(await spoken.locator('time').textContent(), /\d{4}/);
  step('the list shows date, title, mood, length and first words');
  const typed = page.locator('#jobs li[data-job-id]').nth(1);
  assert.match(await typed.getByTestId('length').textContent(), /^\d+ words?$/);
  step('a typed entry shows its length in words');

  assert.equal(await page.locator('#jobs li[data-job-id]').count(), 20, 'one page of 20 at first');
  await page.locator('#jobs-end').scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => document.querySelectorAll('#jobs li[data-job-id]').length === n, TOTAL, T);
  const ids = await page.locator('#jobs li[data-job-id]').evaluateAll((els) => els.map((e) => e.dataset.jobId));
  assert.equal(new Set(ids).size, TOTAL, 'no entry twice');
  assert.ok(await page.locator('#jobs-more').isHidden(), 'no more button at the end');
  step(`scrolling to the end loads the next page: ${TOTAL} entries, none twice`);
  const dates = await page.locator('#jobs li[data-job-id] time').evaluateAll((els) => els.map((e) => Date.parse(e.dateTime)));
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest entry date first, whatever the upload order');
  step('the list is ordered by the entry\'s date (order=date), not by when it was uploaded');
}

async function searchAndPlay(page) {
  await page.getByLabel('Search your diary').fill('market');
  await page.getByLabel('Search your diary').press('Enter');
  const hit = page.locator(`#hits li[data-hit-id="${env.SPOKEN_ID}"]`);
  await hit.waitFor(T);
  assert.equal(await hit.locator('mark').first().textContent(), 'market');
  step(`search shows the marked snippet: "${(await hit.getByTestId('snippet').textContent()).trim()}"`);
  const play = hit.getByTestId('play');
  const ms = Number(await play.getAttribute('data-ms'));
  assert.equal(ms, 1100, 'the time "market" is said, from the transcript\'s words');
  await play.click();
  await page.waitForFunction((at) => { const a = document.getElementById('player');
    return a.dataset.fromMs === String(at) && a.readyState >= 1; }, ms, T);
  const t = await page.evaluate(() => { const a = document.getElementById('player'); a.pause(); return a.currentTime; });
  assert.ok(t >= ms / 1000 - 0.05 && t < ms / 1000 + 1, `the recording plays from ${ms / 1000} s (at ${t})`);
  step(`play seeks the real recording to ${t.toFixed(2)} s (the word at ${ms} ms)`);

  await page.getByLabel('Search your diary').fill('envelopes');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const safe = page.locator(`#hits li[data-hit-id="${env.SAFE_ID}"]`);
  await safe.waitFor(T);
  const text = await safe.getByTestId('snippet').textContent();
  // ts_headline itself drops what its parser takes for a tag (<b>); what reaches the page must show as text
  assert.ok(text.includes('& envelopes <img src=x onerror=alert(1)>'), 'markup the diarist typed shows as text: ' + text);
  assert.equal(await safe.locator('.snippet b, .snippet img').count(), 0, 'no element came from the diary\'s text');
  assert.equal(await safe.locator('mark').textContent(), 'envelopes');
  assert.equal(await safe.getByTestId('play').count(), 0, 'a typed entry has nothing to play');
  assert.equal(await safe.locator('time').getAttribute('datetime'),
    await card(page, env.SAFE_ID).locator('time').getAttribute('datetime'), 'a back-dated hit shows its own date, as listed');
  step('a snippet with typed markup shows it as text; only the matched word is marked');

  await card(page, env.SPOKEN_ID).click();
  await page.getByTestId('transcript').locator('[data-ms="3700"]').click();
  await page.waitForFunction(() => document.getElementById('player').dataset.fromMs === '3700', null, T);
  step('a word of the open entry\'s transcript plays the recording from that word');
}

async function panes(page) {
  const todos = page.getByTestId('todos');
  const mum = todos.locator('li', { hasText: 'call mum tomorrow' });
  await mum.waitFor(T);
  const stamps = todos.locator('li', { hasText: 'buy stamps' });
  await stamps.getByTestId('todo-suggestion').waitFor(T);
  step('to-dos pane lists open to-dos, one suggested done by a later entry');
  const patched = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/v1/todos/'));
  // click, not check(): the ticked to-do leaves the Open list at once, so there is no checked box left to verify
  await mum.getByRole('checkbox').click();
  assert.deepEqual(JSON.parse((await patched).postData()), { state: 'done' });
  await mum.waitFor({ state: 'detached', ...T });
  await stamps.getByRole('button', { name: 'Confirm done' }).click();
  await stamps.waitFor({ state: 'detached', ...T });
  await page.getByLabel('Done', { exact: true }).check();
  await todos.locator('li', { hasText: 'call mum tomorrow' }).waitFor(T);
  await todos.locator('li', { hasText: 'buy stamps' }).waitFor(T);
  await page.getByLabel('Open', { exact: true }).check();
  step('ticking a to-do and confirming a suggestion PATCH them; they move to Done');

  const emma = page.getByTestId('people').locator('li', { hasText: 'Emma' });
  await emma.waitFor(T);
  await emma.getByRole('button', { name: 'Emma' }).click();
  const mention = emma.locator('.mentions button').first();
  await mention.waitFor(T);
  await mention.click();
  await page.getByTestId('entry-status').filter({ hasText: 'completed' }).waitFor(T);
  assert.match(await page.getByTestId('note-title').textContent(), /Emma/);
  step('people pane: a name opens to its entries, and an entry opens from there');

  const chart = page.getByTestId('mood-chart');
  for (const bucket of ['week', 'month', 'day']) {
    const answer = page.waitForResponse((r) => r.url().includes('/v1/mood?') && r.url().includes('bucket=' + bucket));
    await page.getByLabel('Show').selectOption(bucket);
    const buckets = (await (await answer).json()).buckets.length;
    await page.waitForFunction(([n]) => document.querySelectorAll('#mood-chart circle.point').length === n, [buckets], T);
    if (bucket === 'day') assert.equal(buckets, Number(env.MOOD_DAYS), 'one bucket per day with entries');
    step(`mood chart: ${buckets} points for ${buckets} ${bucket} buckets`);
  }
  assert.equal(await chart.locator('polyline').count(), 1);
}

// A server without the recaps API answers 404 (this one has it: page.route plays the older server) and the pane
// says so, with no buttons that cannot work; the rest of the page works on.
async function recapsUnavailable() {
  const page = await open({ width: 1280, height: 900 }, (p) => p.route('**/v1/recaps*', (route) =>
    route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"code":"not_found","title":"Not Found"}' })));
  await page.locator('#recaps-pane summary').click();
  await page.getByTestId('recaps-state').filter({ hasText: 'Recaps are not available on this server.' }).waitFor(T);
  assert.ok(await page.locator('#recap-actions').isHidden(), 'no buttons for recaps the server cannot make');
  await card(page, env.SPOKEN_ID).waitFor(T);
  await page.context().close();
  step('a server without recaps (404): the pane says recaps are not available, the page works on');
}

const apiCall = (page, method, path, body) => page.evaluate(async ([m, p, b, token]) => {
  const res = await fetch(p, { method: m, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: b == null ? undefined : JSON.stringify(b) });
  return { status: res.status, body: await res.json() };
}, [method, path, body, env.USER_TOKEN]);

async function awaitFinal(page, id) {
  for (let i = 0; i < 100; i++) {
    const r = (await apiCall(page, 'GET', '/v1/recaps/' + id)).body;
    if (r.status === 'completed' || r.status === 'failed') return r;
    await page.waitForTimeout(200);
  }
  throw new Error('recap ' + id + ' did not finish');
}

const dayOf = (page, iso) => page.evaluate((d) => new Date(d).toLocaleDateString(undefined,
  { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }), iso);

// Recaps through the real API: the page's button asks for last week's; POST /v1/recaps asks for a from..to recap of
// the whole diary and a one-day recap the recap stage refuses. The recap stage is the contract one the JUnit test
// runs on the real queue (RecapStage): one highlight per entry, its title, citing the entry at its first snippet.
async function recaps(page) {
  await page.locator('#recaps-pane summary').click();
  await page.getByTestId('recaps-state').filter({ hasText: 'No recaps yet.' }).waitFor(T);
  await page.getByRole('button', { name: 'Recap last week' }).click();
  const week = page.locator('#recaps li.recap[data-status="completed"]').first();
  await week.waitFor(T);
  assert.match(await week.getByTestId('recap-span').textContent(), /^Week of .+ – .+ · 7 entries$/);
  assert.equal(await week.getByTestId('highlight').count(), 7);
  step(`"Recap last week" asks the API and shows the recap when written: ${await week.getByTestId('recap-span').textContent()}`);

  const custom = await apiCall(page, 'POST', '/v1/recaps', { from: env.RECAP_FROM, to: env.RECAP_TO });
  assert.equal(custom.status, 202, JSON.stringify(custom.body));
  assert.equal(custom.body.period, 'custom');
  const refused = await apiCall(page, 'POST', '/v1/recaps', { from: env.REFUSED_DAY, to: env.REFUSED_DAY });
  assert.equal(refused.status, 202, JSON.stringify(refused.body));
  const written = await awaitFinal(page, custom.body.id);
  assert.equal(written.status, 'completed');
  assert.equal((await awaitFinal(page, refused.body.id)).status, 'failed');
  await page.reload();
  await page.locator('#recaps-pane summary').click();

  const item = page.locator(`#recaps li[data-recap-id="${custom.body.id}"]`);
  await item.waitFor(T);
  assert.equal(await item.locator('h3').textContent(), written.title);
  const range = `${await dayOf(page, env.RECAP_FROM)} – ${await dayOf(page, env.RECAP_TO)}`;
  assert.equal(await item.getByTestId('recap-span').textContent(), `${range} · ${TOTAL} entries`,
    'a from..to recap is labelled by its dates, not "Week of"');
  assert.equal(await item.getByTestId('recap-by').textContent(), 'written by local/test-recap');
  const cited = written.highlights.flatMap((h) => h.entries);
  assert.equal(await item.getByTestId('highlight').count(), written.highlights.length);
  assert.deepEqual(await item.getByTestId('cite').evaluateAll((els) => els.map((e) => e.dataset.jobId)),
    cited.map((c) => c.job_id), 'each highlight cites its entries, in order');
  const playable = cited.filter((c) => c.start_ms != null);
  assert.deepEqual(playable.map((c) => c.job_id), [env.SPOKEN_ID], 'only the spoken entry has a moment to play');
  assert.equal(await item.getByTestId('play').count(), 1, 'no play button where start_ms is null');
  step(`a from..to recap: "${written.title}", labelled ${range}, ${cited.length} citations, one playable`);

  const spokenCite = item.locator(`[data-testid="cite"][data-job-id="${env.SPOKEN_ID}"]`);
  await spokenCite.getByTestId('play').click();
  await page.waitForFunction((ms) => document.getElementById('player').dataset.fromMs === String(ms),
    playable[0].start_ms, T);
  const other = cited.find((c) => c.job_id !== env.SPOKEN_ID);
  await item.locator(`[data-testid="cite"][data-job-id="${other.job_id}"] button.link`).click();
  await page.getByTestId('entry-status').filter({ hasText: 'completed' }).waitFor(T);
  assert.equal(await page.getByTestId('note-title').textContent(),
    written.highlights.find((h) => h.entries.some((c) => c.job_id === other.job_id)).text);
  await spokenCite.locator('button.link').click();
  await page.getByTestId('note-title').filter({ hasText: 'Market walk with Sam' }).waitFor(T);
  step(`a cited moment plays the recording from ${playable[0].start_ms} ms; a cited date opens its entry`);

  const failed = page.locator(`#recaps li[data-recap-id="${refused.body.id}"]`);
  assert.equal(await failed.locator('h3').textContent(), await dayOf(page, env.REFUSED_DAY), 'a one-day recap: its day');
  const error = await failed.getByTestId('recap-error').textContent();
  assert.match(error, /no model could write a recap of .*\(recap_refused\)/);
  assert.equal(await failed.getByTestId('highlight').count(), 0);
  step(`a failed recap shows its error plainly: "${error}"`);

  const top = (locator) => locator.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await top(page.locator('#recaps-pane'));
  await page.screenshot({ path: `${SHOTS}/diary-desktop-recaps.png` });
  await top(item);
  await page.screenshot({ path: `${SHOTS}/diary-desktop-recap-cited.png` });
}

async function phone() {
  const page = await open({ width: 390, height: 844 });
  await card(page, env.SPOKEN_ID).waitFor(T);
  await page.screenshot({ path: `${SHOTS}/diary-phone.png` });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(await overflow() <= 0, 'no horizontal scroll on a phone');
  assert.equal(await page.locator('details.pane[open]').count(), 0, 'the panes start folded on a phone');
  for (const d of await page.locator('details').all()) await d.evaluate((e) => { e.open = true; });
  await page.waitForFunction(() => document.querySelectorAll('#mood-chart circle.point').length > 0, null, T);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/diary-phone-panes.png` });
  await page.locator('#recaps li.recap[data-status="failed"]').waitFor(T);
  await page.locator('#recaps-pane').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/diary-phone-recaps.png` });
  assert.ok(await overflow() <= 0, `no horizontal scroll with the recaps open (${await overflow()} px over)`);
  await page.getByLabel('Search your diary').fill('market');
  await page.getByLabel('Search your diary').press('Enter');
  const hit = page.locator(`#hits li[data-hit-id="${env.SPOKEN_ID}"]`);
  await hit.waitFor(T);
  await hit.getByTestId('play').click();
  await page.locator('#search-results').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/diary-phone-search.png` });
  assert.ok(await overflow() <= 0, `no horizontal scroll with a search and the player (${await overflow()} px over)`);
  await card(page, env.SPOKEN_ID).click();
  await page.getByTestId('note-title').waitFor(T);
  await page.getByTestId('transcript').filter({ hasText: /\w+/ }).waitFor(T);
  await page.screenshot({ path: `${SHOTS}/diary-phone-open.png` });
  assert.ok(await overflow() <= 0, `no horizontal scroll with every pane and an entry open (${await overflow()} px over)`);
  step('phone viewport 390x844: panes fold and stack, no horizontal scroll, also with everything open');
}

try {
  const page = await open({ width: 1280, height: 900 });
  await listAndScroll(page);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/diary-desktop.png` });
  await searchAndPlay(page);
  await page.screenshot({ path: `${SHOTS}/diary-desktop-search.png` });
  await panes(page);
  await page.screenshot({ path: `${SHOTS}/diary-desktop-entry.png`, fullPage: true });
  await recaps(page);
  await recapsUnavailable();
  await phone();
  if (process.exitCode) throw new Error('the page reported errors');
  console.log('diary e2e passed');
} catch (e) {
  console.error('diary e2e FAILED:', e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
