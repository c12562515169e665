// Headless Chromium opens each service's Swagger UI page under the Content-Security-Policy the service sends:
// the page must list the API's operations and the browser must report no policy violation.
// Environment: DOCS_URLS (comma-separated service base URLs, default http://localhost:8081), CHROMIUM.
// Exit code 0 when every page passed.
import { chromium } from 'playwright-core';

const urls = (process.env.DOCS_URLS || 'http://localhost:8081').split(',').map((u) => u.replace(/\/$/, ''));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = false;
for (const base of urls) {
  const page = await browser.newPage();
  const violations = [];
  // Chromium reports each blocked load or inline use both as an event in the page and on the console
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => violations.push('page error: ' + e.message));
  const res = await page.goto(base + '/swagger-ui/index.html');
  const csp = res.headers()['content-security-policy'];
  let operations = 0;
  try {
    await page.waitForSelector('.opblock', { timeout: 30000 });
    operations = await page.locator('.opblock').count();
  } catch (e) { /* counted as none */ }
  await page.waitForTimeout(500); // late violations (fonts, images) too
  const ok = operations > 0 && violations.length === 0;
  failed ||= !ok;
  console.log(`${ok ? '✓' : '✗'} ${base}/swagger-ui/index.html: ${operations} operations, ${violations.length} violations`
    + ` under "${csp}"`);
  for (const v of violations.slice(0, 10)) console.log('    ' + v);
  await page.close();
}
await browser.close();
console.log(failed ? 'swagger e2e FAILED' : 'swagger e2e passed');
process.exit(failed ? 1 : 0);
