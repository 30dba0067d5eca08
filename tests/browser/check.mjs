// Opens every html page given on the command line in Debian's Chromium
// (headless, through playwright-core) and checks what a reader gets:
//   - printed with the page's own CSS page sizes, saved as NAME.pdf next
//     to the page (run.sh then counts pages and sizes with pdfinfo);
//   - laid out at the width of an A4 portrait page's text area (landscape
//     for the portfolio), nothing is wider than the page (every element's
//     right edge, in print media);
//   - a screenshot is not blank (more than one colour, enough ink);
//   - in a portfolio (index.html), a click on a header sorts the rows,
//     a second click reverses them.
// Prints one line per fault and exits 1 when there is any.
import { chromium } from 'playwright-core';
import path from 'node:path';

const A4_TEXT_PX = Math.floor((210 - 2 * 13) / 25.4 * 96); // 184 mm at 96 px/in: 695
// The portfolio, a wide table, prints on landscape pages: 277 mm, 1047 px.
const A4_LANDSCAPE_TEXT_PX = Math.floor((297 - 2 * 10) / 25.4 * 96);
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'] });
const faults = [];
const fault = (f, msg) => faults.push(`${path.basename(f)}: ${msg}`);

for (const file of pages) {
  const limit = path.basename(file) === 'index.html' ? A4_LANDSCAPE_TEXT_PX : A4_TEXT_PX;
  const ctx = await browser.newContext({ viewport: { width: limit, height: 1000 }, offline: true });
  const page = await ctx.newPage();
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.resolve(file));
  if (requests.length) fault(file, `requêtes hors du fichier : ${requests.join(', ')}`);
  if (errors.length) fault(file, `erreur de script : ${errors.join('; ')}`);

  // Screenshot: not blank.
  const shot = await page.screenshot({ fullPage: false });
  const ink = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let dark = 0; const colours = new Set();
    for (let i = 0; i < d.length; i += 16) {
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (d[i] + d[i + 1] + d[i + 2] < 384) dark++;
    }
    return { dark: dark / (d.length / 16), colours: colours.size };
  }, shot.toString('base64'));
  if (ink.colours < 3 || ink.dark < 0.005) fault(file, `capture d'écran vide (${JSON.stringify(ink)})`);

  // Print layout: nothing wider than the text area of an A4 portrait page.
  await page.emulateMedia({ media: 'print' });
  const wide = await page.evaluate((limit) => {
    const out = [];
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > limit + 1 || r.left < -1) {
        out.push(`${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
      }
    }
    return { out: out.slice(0, 5), n: out.length, scroll: document.documentElement.scrollWidth };
  }, limit);
  if (wide.n || wide.scroll > limit + 1)
    fault(file, `${wide.n} élément(s) plus large(s) que la page (${wide.scroll} px pour ${limit}) : ${wide.out.join(', ')}`);
  await page.pdf({ path: file.replace(/\.html$/, '.pdf'), preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });

  // Portfolio: sorting by a click on a header.
  if (path.basename(file) === 'index.html') {
    const col = async (name) => page.evaluate((n) => {
      const t = document.querySelector('table');
      const i = Array.from(t.tHead.rows[0].cells).findIndex((c) => c.textContent.replace(/\u00ad/g, '').trim() === n);
      return Array.from(t.tBodies[0].rows).map((r) => r.cells[i].textContent.trim());
    }, name);
    // (the headers of a table of 11 columns or more carry soft hyphens)
    const th = (name) => page.locator('thead th', { hasText: new RegExp(name.split('').join('\u00ad?')) }).first();
    for (const [name, numeric] of [['Verdict du test', false], ['Avancement', true], ['Projet', false]]) {
      const cmp = numeric
        ? (a, b) => parseFloat(a.replace(',', '.')) - parseFloat(b.replace(',', '.'))
        : (a, b) => a.localeCompare(b, 'fr');
      await th(name).locator('button').click();
      const up = await col(name);
      const want = [...up].sort(cmp);
      if (JSON.stringify(up) !== JSON.stringify(want)) fault(file, `tri croissant par « ${name} » : ${up.join(' | ')}`);
      const sorted = await th(name).getAttribute('aria-sort');
      if (sorted !== 'ascending') fault(file, `« ${name} » : aria-sort=${sorted} après un clic`);
      await th(name).locator('button').click();
      const down = await col(name);
      if (JSON.stringify(down) !== JSON.stringify([...want].reverse())) fault(file, `tri décroissant par « ${name} » : ${down.join(' | ')}`);
    }
  }
  await ctx.close();
}
await browser.close();
for (const f of faults) console.log('FAIL ' + f);
console.log(`check-browser: ${pages.length} pages, ${faults.length} défaut(s)`);
process.exit(faults.length ? 1 : 0);
