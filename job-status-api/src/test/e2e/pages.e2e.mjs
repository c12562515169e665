// Headless-Chromium tests of the diary and operations pages, driven by playwright-core against running
// services. Two modes:
//   MODE=seeded  job-status-api alone, with jobs seeded in Redis (the module's JUnit PagesBrowserTest does it):
//                reads a completed entry, deletes it, and retries / purges dead letters on the admin page.
//   MODE=live    job-status-api alone, with LIVE_JOB_ID queued: the JUnit test writes partial-transcript events
//                while the entry is open; the page must show those words before the job completes.
//   MODE=stack   the whole running stack: submits AUDIO_FILE through the diary page to the ingestion API and
//                waits until its note appears, then deletes the entry.
// Environment: STATUS_URL (default http://localhost:8081), USER_TOKEN, ADMIN_TOKEN (seeded),
//   SEEDED_JOB_ID, DEAD_RETRY_ID, DEAD_PURGE_ID, DEAD_MATCH_ID (seeded), LIVE_JOB_ID (live), AUDIO_FILE and TIMEOUT_S (stack),
//   CHROMIUM (default /usr/bin/chromium). Exit code 0 when every check passed.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const env = process.env;
const STATUS_URL = (env.STATUS_URL || 'http://localhost:8081').replace(/\/$/, '');
const MODE = env.MODE || 'seeded';
const TIMEOUT_MS = Number(env.TIMEOUT_S || 240) * 1000;

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

function step(name) { console.log('✓ ' + name); }

async function openWithToken(path, token) {
  const context = await browser.newContext();
  await context.addInitScript((t) => localStorage.setItem('daybook.token', t), token);
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(STATUS_URL + path);
  return page;
}

async function apiStatus(page, path, token) {
  const res = await page.request.get(STATUS_URL + path, { headers: { Authorization: 'Bearer ' + token } });
  return res.status();
}

async function readAndDelete(page, jobId, token, timeout) {
  await page.locator(`li[data-job-id="${jobId}"]`).click();
  await page.getByTestId('entry-status').filter({ hasText: 'completed' }).waitFor({ timeout });
  const title = await page.getByTestId('note-title').textContent({ timeout: 10_000 });
  assert.ok(title && title.trim().length > 0, 'the note has a title');
  await page.getByTestId('transcript').filter({ hasText: /\w+/ }).waitFor({ timeout: 10_000 });
  step(`entry ${jobId} shows its note ("${title.trim()}") and transcript`);
  if (env.LOW_CONFIDENCE_WORDS) {
    const low = await page.getByTestId('low-confidence-word').allTextContents();
    assert.deepEqual(low, env.LOW_CONFIDENCE_WORDS.split(','), 'low-confidence words are marked');
    step(`low-confidence words marked: ${low.join(', ')}`);
  }
  await page.getByTestId('delete').click();
  await page.locator(`li[data-job-id="${jobId}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await apiStatus(page, `/v1/jobs/${jobId}`, token), 404, 'deleted job is gone from the API');
  step(`entry ${jobId} deleted through the page`);
}

async function seeded() {
  const diary = await openWithToken('/', env.USER_TOKEN);
  await diary.locator(`li[data-job-id="${env.SEEDED_JOB_ID}"]`).waitFor({ timeout: 10_000 });
  step('diary lists the seeded entry');
  await readAndDelete(diary, env.SEEDED_JOB_ID, env.USER_TOKEN, 10_000);

  const ops = await openWithToken('/admin.html', env.ADMIN_TOKEN);
  await ops.locator('#queues tr').nth(8).waitFor({ timeout: 10_000 });
  assert.equal(await ops.locator('#queues tr').count(), 9, 'three stages (transcribe, summarize, recap) × three priorities');
  for (const stage of ['transcribe', 'summarize', 'recap']) {
    assert.equal(await ops.locator(`#queues tr[data-stream^="${stage}:"]`).count(), 3, stage + ' × three priorities');
  }
  step('operations page shows the six stage streams');
  await ops.locator(`tr[data-dead-id="${env.DEAD_RETRY_ID}"]`).waitFor({ timeout: 10_000 });
  await ops.locator(`tr[data-dead-id="${env.DEAD_PURGE_ID}"]`).waitFor({ timeout: 10_000 });
  step('operations page lists the dead letters');
  await ops.locator(`tr[data-dead-id="${env.DEAD_RETRY_ID}"] button[data-action="retry"]`).click();
  await ops.locator(`tr[data-dead-id="${env.DEAD_RETRY_ID}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  await ops.locator(`tr[data-dead-id="${env.DEAD_PURGE_ID}"] button[data-action="purge"]`).click();
  await ops.locator(`tr[data-dead-id="${env.DEAD_PURGE_ID}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  step('dead letters retried and purged through the page');
  await ops.locator(`tr[data-dead-id="${env.DEAD_MATCH_ID}"] button[data-action="retry-matching"]`).click();
  await ops.locator('#batch-runs tr', { hasText: 'replay-dead-letters' }).first().waitFor({ timeout: 15_000 });
  await ops.locator(`tr[data-dead-id="${env.DEAD_MATCH_ID}"]`).waitFor({ state: 'detached', timeout: 15_000 });
  step('"retry all matching" replayed the matching dead letters through a batch run, listed under batch runs');
  await ops.waitForFunction(() => document.getElementById('chart').toDataURL().length > 3000, null, { timeout: 10_000 });
  step('backlog chart drawn');
}

async function live() {
  const diary = await openWithToken('/', env.USER_TOKEN);
  const jobId = env.LIVE_JOB_ID;
  await diary.locator(`li[data-job-id="${jobId}"]`).click();
  const words = diary.getByTestId('live-transcript');
  await words.filter({ hasText: 'Today I walked along the harbour' }).waitFor({ timeout: 60_000 });
  const status = (await diary.getByTestId('entry-status').textContent()).trim();
  assert.ok(!status.startsWith('completed'), `words shown before completion (status was "${status}")`);
  assert.equal((await diary.getByTestId('note').textContent()).trim(), '', 'no note yet');
  step(`first words shown while the entry is "${status}"`);
  await words.filter({ hasText: 'Today I walked along the harbour and watched the boats come in' }).waitFor({ timeout: 10_000 });
  step('the next chunk\'s words appended in order');
  await diary.getByTestId('entry-status').filter({ hasText: 'completed' }).waitFor({ timeout: 10_000 });
  const title = await diary.getByTestId('note-title').textContent({ timeout: 10_000 });
  await words.waitFor({ state: 'hidden', timeout: 10_000 });
  await diary.getByTestId('transcript').filter({ hasText: /\w+/ }).waitFor({ timeout: 10_000 });
  step(`completed: note "${title.trim()}" and the full transcript replace the live words`);
}

async function stack() {
  const diary = await openWithToken('/', env.USER_TOKEN);
  await diary.locator('#file').setInputFiles(env.AUDIO_FILE);
  await diary.locator('#submit').click();
  const submitted = await diary.getByTestId('submit-state').filter({ hasText: /submitted / }).textContent({ timeout: 60_000 });
  const jobId = submitted.replace('submitted ', '').trim();
  step(`submitted ${env.AUDIO_FILE} as job ${jobId}`);
  await diary.locator(`li[data-job-id="${jobId}"]`).waitFor({ timeout: 10_000 });
  await readAndDelete(diary, jobId, env.USER_TOKEN, TIMEOUT_MS);
}

try {
  if (MODE === 'stack') await stack(); else if (MODE === 'live') await live(); else await seeded();
  console.log(`pages e2e (${MODE}) passed`);
} catch (e) {
  console.error(`pages e2e (${MODE}) FAILED:`, e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
