// kg serve's page, end to end, in Debian's headless Chromium (no browser
// download: executablePath is /usr/bin/chromium), driven by playwright-core.
// Run by internal/serve's TestE2EChromium against a server it starts.
//
//   node e2e.mjs walk URL SCREENSHOT [HOSTILE_NAME]
//     type "ha noi" in the search box, open Hanoi, see Toulouse and Seoul in
//     the graph, click Toulouse (expands it), click the Hanoi–Toulouse edge
//     and read its evidence sentence, check the map and the timeline, save
//     a screenshot; then, with HOSTILE_NAME, search that entity, open it,
//     click its edge, and check that its <script>, quotes and javascript:
//     links show as text and do nothing.
//   node e2e.mjs render URL ENTITY_ID [RUNS [SCREENSHOT]]
//     open ENTITY_ID's neighbourhood RUNS times (default 5) and print the
//     page's own timing of each first render (fetch, place, add, two frames).
import { chromium } from 'playwright-core';

const [mode, url, ...rest] = process.argv.slice(2);
if (!url || !['walk', 'render'].includes(mode)) {
  console.error('usage: node e2e.mjs walk URL SCREENSHOT [HOSTILE_NAME] | render URL ENTITY_ID [RUNS]');
  process.exit(2);
}
const step = (s) => console.log(`e2e: ${s}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
page.setDefaultTimeout(30000);
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
page.on('request', (r) => { if (!r.url().startsWith(url)) problems.push(`request outside the server: ${r.url()}`); });

// names of the graph's nodes, and a click on a node or an edge at its
// place on the canvas (a real mouse click, as a person makes).
const names = () => page.evaluate(() => window.kgGraph.nodes().map((n) => n.data('name')));
async function clickAt(selector) {
  const box = await page.locator('#graph').boundingBox();
  const p = await page.evaluate((sel) => {
    const e = window.kgGraph.$(sel);
    if (e.empty()) return null;
    return e.isNode() ? e.renderedPosition() : e.renderedMidpoint();
  }, selector);
  if (!p) throw new Error(`nothing in the graph matches ${selector}`);
  await page.mouse.click(box.x + p.x, box.y + p.y);
}
const idOf = (name) => page.evaluate((n) => window.kgGraph.nodes().filter((x) => x.data('name') === n).map((x) => x.id())[0], name);

try {
  if (mode === 'render') {
    const [id, runs = '5', shot] = rest;
    const times = [];
    for (let i = 0; i < Number(runs); i++) {
      await page.goto(`${url}/?entity=${encodeURIComponent(id)}`);
      await page.locator('#graph[data-render-ms]').waitFor();
      times.push(Number(await page.locator('#graph').getAttribute('data-render-ms')));
      const n = await page.locator('#graph').getAttribute('data-nodes');
      const parts = await page.locator('#graph').getAttribute('data-render-parts');
      step(`run ${i + 1}: ${n} nodes drawn in ${times.at(-1)} ms (fetch, place, add, frames: ${parts} ms)`);
    }
    times.sort((a, b) => a - b);
    if (shot) await page.screenshot({ path: shot });
    console.log(`render: ${id} median ${times[Math.floor(times.length / 2)]} ms, max ${times.at(-1)} ms`);
  } else {
    const [shot, hostile] = rest;
    await page.goto(url);
    await page.locator('#q').pressSequentially('ha noi', { delay: 60 });
    await page.locator('#hits li', { hasText: 'Hanoi' }).first().waitFor();
    step('search "ha noi" offers Hanoi');
    await page.locator('#hits li', { hasText: 'Hanoi' }).first().click();
    await page.locator('#graph[data-nodes]').waitFor();
    await page.locator('#profile .profile-name', { hasText: 'Hanoi' }).waitFor();
    const ns = await names();
    for (const want of ['Hanoi', 'Toulouse', 'Seoul']) {
      if (!ns.includes(want)) throw new Error(`the graph has no ${want}: ${ns.join(', ')}`);
    }
    step(`Hanoi opened: ${ns.length} nodes, Toulouse and Seoul among them`);
    const hanoi = await idOf('Hanoi');
    const toulouse = await idOf('Toulouse');
    const before = ns.length;
    await clickAt(`node[id = ${JSON.stringify(toulouse)}]`);
    await page.waitForFunction((id) => window.kgGraph.getElementById(id).hasClass('expanded'), toulouse);
    await page.locator('#profile .profile-name', { hasText: 'Toulouse' }).waitFor();
    const after = (await names()).length;
    step(`Toulouse expanded: ${before} -> ${after} nodes`);
    await clickAt(`edge[type = "PARTNER_OF"][source = "${hanoi}"][target = "${toulouse}"], edge[type = "PARTNER_OF"][source = "${toulouse}"][target = "${hanoi}"]`);
    const sentence = page.locator('#evidence .sentence blockquote', { hasText: 'Toulouse' }).first();
    await sentence.waitFor();
    step(`evidence: "${(await sentence.textContent()).slice(0, 80)}…"`);
    const src = await page.locator('#evidence .sentence .src').first().textContent();
    if (!src.trim()) throw new Error('the evidence has no article title');
    step(`from: ${src}`);
    const places = await page.locator('#map circle.place').count();
    if (places < 2) throw new Error(`the map shows ${places} places`);
    step(`map: ${places} places`);
    await page.locator('#timeline li').first().waitFor();
    step(`timeline: ${await page.locator('#timeline li').count()} dated events`);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot });
    step(`screenshot ${shot}`);

    // the canned queries: partners as a graph, top-cities as a table
    await page.locator('#queries').selectOption('partners');
    await page.locator('#qform input[name="city"]').fill('Hà Nội');
    await page.locator('#qform button[type="submit"]').click();
    await page.waitForFunction(() => window.kgGraph.nodes().map((n) => n.data('name')).join('|') === ['Hanoi', 'Seoul', 'Toulouse'].sort().join('|') ||
      ['Hanoi', 'Seoul', 'Toulouse'].every((x) => window.kgGraph.nodes().some((n) => n.data('name') === x)) && window.kgGraph.nodes().length === 3);
    step('query partners city=Hà Nội drawn as a graph: Hanoi, Seoul, Toulouse');
    await page.locator('#queries').selectOption('top-cities');
    await page.locator('#qform input[name="limit"]').fill('3');
    await page.locator('#qform button[type="submit"]').click();
    await page.locator('#table td', { hasText: 'Hanoi' }).first().waitFor();
    step(`query top-cities limit=3 shown as a table of ${await page.locator('#table tr').count() - 1} rows`);

    if (hostile) {
      await page.locator('#q').fill('');
      await page.locator('#q').pressSequentially(hostile.slice(0, 12), { delay: 30 });
      const hit = page.locator('#hits li').first();
      await hit.waitFor();
      const shown = await hit.textContent();
      if (!shown.includes('<script>')) throw new Error(`the hostile name is not shown as text: ${shown}`);
      step(`hostile search result shown as text: ${shown.slice(0, 80)}`);
      await hit.click();
      await page.locator('#profile .profile-name', { hasText: '<script>' }).waitFor();
      const edge = await page.evaluate(() => window.kgGraph.edges()[0]?.id());
      if (!edge) throw new Error('the hostile entity has no edge');
      await clickAt(`edge[id = ${JSON.stringify(edge)}]`);
      await page.locator('#evidence .sentence', { hasText: '__pwned=4' }).first().waitFor();
      const ev = await page.locator('#evidence').textContent();
      if (!ev.includes('<script>') && !ev.includes('<img')) throw new Error(`the hostile sentence is not shown as text: ${ev}`);
      const verdict = await page.evaluate(() => ({
        pwned: window.__pwned !== undefined,
        scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
        badLinks: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((h) => h && !/^https?:/.test(h)),
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        images: document.querySelectorAll('img, iframe, object, embed').length,
      }));
      if (verdict.pwned) throw new Error('a hostile script ran');
      if (verdict.scripts.length !== 5 || verdict.scripts.some((s) => !s.startsWith('/'))) throw new Error(`unexpected scripts: ${verdict.scripts}`);
      if (verdict.badLinks.length) throw new Error(`links that are not http(s): ${verdict.badLinks}`);
      if (verdict.handlers) throw new Error(`${verdict.handlers} elements carry on* attributes`);
      if (verdict.images) throw new Error(`${verdict.images} img/iframe/object elements were created`);
      step('hostile names, sentences, title and URL: shown as text, inert');
      await page.screenshot({ path: shot.replace(/\.png$/, '-hostile.png') });
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  step('PASS');
} catch (e) {
  await page.screenshot({ path: '/tmp/kg-serve-e2e-failed.png' }).catch(() => {});
  console.error(`e2e: FAILED: ${e.message} (screenshot /tmp/kg-serve-e2e-failed.png)`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
