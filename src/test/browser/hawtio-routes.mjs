// Opens Hawtio's Camel routes view in headless Chromium, as an operator would, and checks that the
// given routes are listed with exchanges counted. Usage:
//   node hawtio-routes.mjs <hub base URL> <api key> <screenshot.png> <route id>...
// Exits non-zero, saying why, when a route is missing or has no exchanges; the screenshot is taken
// either way. Chromium is Debian's (/usr/bin/chromium); playwright-core downloads no browser.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, key, screenshot, ...routes] = process.argv.slice(2);
if (!base || !key || !screenshot || routes.length === 0) {
  console.error('usage: node hawtio-routes.mjs <base URL> <api key> <screenshot.png> <route id>...');
  process.exit(2);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
// Without these flags Chromium waits on the network (updates, sync, QUIC probes) this machine lacks.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // the hub asks for an API key under /actuator: a browser answers its Basic challenge with it
  httpCredentials: { username: 'operator', password: key },
  viewport: { width: 1600, height: 1000 },
});

let failure = null;
try {
  const page = await context.newPage();
  await page.goto(`${base}/actuator/hawtio/camel/routes`, { waitUntil: 'networkidle', timeout: 60000 });
  const table = page.locator('table').filter({ hasText: 'Completed' });
  await table.waitFor({ timeout: 60000 });
  await table.locator('tbody tr').filter({ hasText: routes[0] }).first().waitFor({ timeout: 30000 });

  const rows = await table.locator('tbody tr').evaluateAll(trs => trs.map(tr =>
    Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim())));
  const headers = await table.locator('thead th').evaluateAll(ths => ths.map(th => th.innerText.trim()));
  const nameAt = headers.indexOf('Name');
  const totalAt = headers.indexOf('Total');
  const problems = [];
  for (const route of routes) {
    const row = rows.find(cells => cells[nameAt] === route);
    if (!row) {
      problems.push(`${route}: not listed`);
    } else if (!(Number(row[totalAt]) > 0)) {
      problems.push(`${route}: Total is ${row[totalAt]}`);
    } else {
      console.log(`${route}: ${row[totalAt]} exchanges`);
    }
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  if (problems.length > 0) {
    failure = `Hawtio's routes view (${headers.join(', ')}):\n  ${problems.join('\n  ')}`;
  }
} catch (e) {
  failure = `Hawtio's routes view did not load: ${e.message}`;
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
if (failure) {
  console.error(failure);
  process.exit(1);
}
