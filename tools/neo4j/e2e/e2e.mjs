// Neo4j Browser, end to end, in Debian's headless Chromium (no browser
// download: executablePath is /usr/bin/chromium): open the Browser that
// tools/neo4j/neo4j.sh serves, log in, apply kg's style, set a city as
// typed, run the graph form of partners, check Browser drew the partners,
// and save a screenshot.
//
//   node e2e.mjs HTTP_URL BOLT_URL USER PASSWORD QUERY_FILE STYLE_FILE SCREENSHOT
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [httpURL, boltURL, user, password, queryFile, styleFile, shot, city = 'Hà Nội', expect = 'Toulouse'] = process.argv.slice(2);
if (!shot) {
  console.error('usage: node e2e.mjs HTTP_URL BOLT_URL USER PASSWORD QUERY_FILE STYLE_FILE SCREENSHOT [CITY EXPECTED]');
  process.exit(2);
}
const query = readFileSync(queryFile, 'utf8')
  .split('\n').filter((l) => !l.startsWith('//')).join(' ').replace(/\s+/g, ' ').trim();
const style = readFileSync(styleFile, 'utf8').replace(/\s+/g, ' ').trim();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const step = (s) => console.log(`e2e: ${s}`);
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(60000);
  await page.goto(`${httpURL}/browser/?dbms=${encodeURIComponent(boltURL)}`);
  step('Browser loaded');
  await page.locator('input[data-testid="boltaddress"]').fill(boltURL);
  await page.locator('input[data-testid="username"]').fill(user);
  await page.locator('input[data-testid="password"]').fill(password);
  await page.locator('button[data-testid="connect"]').click();
  await page.getByText('You are connected as user').first().waitFor();
  step('connected');

  const run = async (text) => {
    const editor = page.locator('#monaco-main-editor textarea, [data-testid="activeEditor"] textarea').first();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Control+Enter');
  };
  await run(`:style ${style}`);
  await run(`:param city => '${city.replace(/'/g, "\\'")}'`);
  await page.waitForTimeout(1000);
  await run(query);
  step('partners run');
  // Browser draws the result: node captions are SVG text.
  await page.locator('svg text', { hasText: expect }).first().waitFor();
  step(`graph drawn with ${expect}`);
  await page.waitForTimeout(3000); // let the layout settle
  await page.screenshot({ path: shot });
  step(`screenshot ${shot}`);
} catch (e) {
  await (await browser.contexts()[0]?.pages()[0])?.screenshot({ path: shot.replace(/\.png$/, '-failed.png') }).catch(() => {});
  console.error(`e2e: FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
