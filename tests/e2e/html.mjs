// Checks one HTML slide deck in headless Chromium against the DOM contract.
//
//   node html.mjs --deck DIR --kind KIND [--expect NAME] [--artifacts DIR]
//
// DIR holds deck.html and deck.json. KIND is the deck kind deck.json must
// declare. NAME is a key of expect.json: texts the deck must show.
// Screenshots and the printed PDF go to the artifacts folder. Prints one line
// per failure and exits 1 if there was any.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';

const { values: opt } = parseArgs({
  options: {
    deck: { type: 'string' },
    kind: { type: 'string' },
    expect: { type: 'string' },
    artifacts: { type: 'string' },
  },
});
if (!opt.deck || !opt.kind) {
  console.error('usage: node html.mjs --deck DIR --kind KIND [--expect NAME] [--artifacts DIR]');
  process.exit(2);
}

const W = 1280;
const H = 720;
const TOL = 1;

const deckDir = resolve(opt.deck);
const deck = JSON.parse(readFileSync(join(deckDir, 'deck.json'), 'utf8'));
const fileUrl = pathToFileURL(join(deckDir, 'deck.html')).href;
const artifacts = opt.artifacts ? resolve(opt.artifacts) : null;
if (artifacts) mkdirSync(artifacts, { recursive: true });
const expected = opt.expect
  ? JSON.parse(readFileSync(new URL('./expect.json', import.meta.url), 'utf8'))[opt.expect]
  : [];
if (!expected) throw new Error(`expect.json has no list named ${opt.expect}`);

const failures = [];
const fail = (msg) => failures.push(msg);
// The characters every document drops (src/text.rs): control characters but
// TAB and LF, a CR not before an LF, DEL, C1, U+2028/2029, bidi controls.
// deck.json keeps them, the page must not hold them, so texts are compared
// without them.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;
const norm = (s) => s.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
const unsafeIn = (s) => [...new Set(s.match(UNSAFE) || [])]
  .map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
const n = deck.slides.length;

if (deck.kind !== opt.kind) fail(`deck.json kind is ${deck.kind}, expected ${opt.kind}`);
const source = readFileSync(join(deckDir, 'deck.html'), 'utf8');
const raw = unsafeIn(source);
if (raw.length) fail(`deck.html holds raw unsafe characters: ${raw.join(' ')}`);
if (n < 4) fail(`deck.json has ${n} slides; the keyboard checks need at least 4`);

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: W, height: H } });
  await context.setOffline(true);
  const deckPath = fileUrl.split('#')[0];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.split('#')[0] === deckPath) return route.continue();
    fail(`request to ${url} (the deck must be self-contained)`);
    return route.abort();
  });
  // Subresources the router may not see (file:, data: are fine as long as they
  // are the deck itself or inline).
  context.on('request', (req) => {
    const url = req.url();
    if (url.split('#')[0] !== deckPath && !url.startsWith('data:') && !url.startsWith('blob:')) {
      fail(`request to ${url} (the deck must be self-contained)`);
    }
  });

  const open = async (hash = '') => {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        fail(`console ${m.type()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => fail(`page error: ${e.message}`));
    page.on('dialog', async (d) => {
      fail(`dialog (${d.type()}) "${d.message()}": script from the plan ran`);
      await d.dismiss();
    });
    await page.goto(fileUrl + hash, { waitUntil: 'load' });
    return page;
  };
  const current = (page) => page.evaluate(() => document.documentElement.dataset.current);
  const hash = (page) => page.evaluate(() => location.hash);
  // Waits briefly for the deck to reach slide `want`; returns what it shows.
  const settle = async (page, want) => {
    try {
      await page.waitForFunction((w) => document.documentElement.dataset.current === String(w)
        && location.hash === `#${w}`, want, { timeout: 2000 });
    } catch { /* reported by the caller */ }
    return `${await current(page)} (hash ${JSON.stringify(await hash(page))})`;
  };

  const page = await open();

  // Structure: the slides, their ids and order, the title.
  const found = await page.$$eval('section.slide', (els) =>
    els.map((e) => ({ id: e.id, index: e.dataset.index })));
  if (found.length !== n) fail(`${found.length} section.slide elements, deck.json has ${n} slides`);
  deck.slides.forEach((s, i) => {
    const f = found[i];
    if (!f) return;
    if (f.id !== s.id) fail(`slide ${i + 1}: id "${f.id}", expected "${s.id}"`);
    if (f.index !== String(i + 1)) fail(`slide ${i + 1} (${s.id}): data-index "${f.index}"`);
  });
  const title = await page.title();
  if (norm(title) !== norm(deck.title)) fail(`<title> is "${title}", expected "${deck.title}"`);
  const inPage = unsafeIn(await page.evaluate(() => document.documentElement.outerHTML));
  if (inPage.length) fail(`the page holds unsafe characters: ${inPage.join(' ')}`);

  // Keyboard.
  let at = await settle(page, 1);
  if (!at.startsWith('1 ')) fail(`on load the deck shows slide ${at}, expected 1`);
  const keys = [['ArrowRight', 2], ['PageDown', 3], ['Space', 4], ['ArrowLeft', 3],
    ['PageUp', 2], ['End', n], ['Home', 1]];
  for (const [key, want] of keys) {
    await page.keyboard.press(key);
    at = await settle(page, want);
    if (at !== `${want} (hash "#${want}")`) fail(`key ${key}: slide ${at}, expected ${want} (#${want})`);
  }

  // Opening #3.
  const third = await open('#3');
  at = await settle(third, 3);
  if (!at.startsWith('3 ')) fail(`opening #3 shows slide ${at}`);
  const thirdBox = await third.$eval('section.slide[data-index="3"]', (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  }).catch(() => null);
  if (!thirdBox || thirdBox.w === 0 || thirdBox.x < -TOL || thirdBox.y < -TOL
      || thirdBox.x + thirdBox.w > W + TOL || thirdBox.y + thirdBox.h > H + TOL) {
    fail(`opening #3: slide 3 is not in view (${JSON.stringify(thirdBox)})`);
  }
  await third.close();

  // Every slide: in view, nothing outside it, its title shown, a screenshot.
  await page.keyboard.press('Home');
  await settle(page, 1);
  let shown = '';
  for (let i = 1; i <= n; i++) {
    if (i > 1) {
      await page.keyboard.press('ArrowRight');
      at = await settle(page, i);
      if (!at.startsWith(`${i} `)) { fail(`ArrowRight to slide ${i} shows ${at}; stopped`); break; }
    }
    const s = deck.slides[i - 1];
    const r = await page.evaluate(layout, { index: i, tol: TOL, w: W, h: H });
    const where = `slide ${i} (${s.id})`;
    if (!r) { fail(`${where}: no section.slide[data-index="${i}"]`); continue; }
    for (const p of r.problems) fail(`${where}: ${p}`);
    if (!norm(r.text).toLowerCase().includes(norm(s.title).toLowerCase())) {
      fail(`${where}: title "${s.title}" is not visible`);
    }
    shown += `${r.text}\n`;
    if (artifacts) {
      await page.screenshot({ path: join(artifacts, `slide-${String(i).padStart(2, '0')}.png`) });
    }
  }

  // Texts the deck must show (on the slides, not only in the notes).
  const all = await page.evaluate(() => document.body.textContent);
  for (const t of expected) {
    if (!shown.includes(t)) {
      fail(`text ${JSON.stringify(t)} is not shown on any slide`
        + (all.includes(t) ? ' (it is in the page, but hidden: notes?)' : ''));
    }
  }

  // Print: one 1280×720 page per slide.
  const pdfPath = join(artifacts || deckDir, 'deck-html.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const info = pdfinfo(pdfPath);
  if (info.pages !== n) fail(`the printed PDF has ${info.pages} pages, expected ${n}`);
  if (Math.abs(info.width - 960) > 1 || Math.abs(info.height - 540) > 1) {
    fail(`the printed PDF's pages are ${info.width}×${info.height} pt, expected 960×540 (1280×720 px)`);
  }
  await page.close();
  await context.close();
} catch (e) {
  fail(`the checks stopped: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}

for (const f of [...new Set(failures)]) console.log(`FAIL html ${deck.id}: ${f}`);
process.exit(failures.length ? 1 : 0);

function pdfinfo(path) {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

// Runs in the page: the current slide's visible text and what spills out.
function layout({ index, tol, w, h }) {
  const slide = document.querySelector(`section.slide[data-index="${index}"]`);
  if (!slide) return null;
  const problems = [];
  const box = slide.getBoundingClientRect();
  const fmt = (r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  if (box.width === 0 || box.left < -tol || box.top < -tol || box.right > w + tol || box.bottom > h + tol) {
    problems.push(`the slide box ${fmt(box)} is not within the ${w}×${h} viewport`);
  }
  const outside = (r) => r.left < box.left - tol || r.top < box.top - tol
    || r.right > box.right + tol || r.bottom > box.bottom + tol;
  const describe = (e) => {
    const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    const text = (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${e.tagName.toLowerCase()}${cls}>${text ? ` "${text}"` : ''}`;
  };
  const visible = (e) => {
    if (e.closest('aside.notes')) return false;
    const cs = getComputedStyle(e);
    if (cs.display === 'none' || cs.visibility !== 'visible' || Number(cs.opacity) === 0) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  };
  for (const e of slide.querySelectorAll('*')) {
    if (!visible(e)) continue;
    const r = e.getBoundingClientRect();
    if (outside(r)) problems.push(`${describe(e)} at ${fmt(r)} lies outside the slide ${fmt(box)}`);
  }

  // Text: every line must lie within the slide and within each box around it
  // that hides its overflow (a line whose middle is outside such a box is not
  // shown; a line running past its side is cut, with an ellipsis or not).
  const clips = (t) => {
    const out = [];
    for (let e = t.parentElement; e && e !== slide.parentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = e.getBoundingClientRect();
        const left = r.left + e.clientLeft;
        const top = r.top + e.clientTop;
        out.push({ e, left, top, right: left + e.clientWidth, bottom: top + e.clientHeight });
      }
    }
    return out;
  };
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim() || !t.parentElement || !visible(t.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const text = JSON.stringify(t.data.replace(/\s+/g, ' ').trim().slice(0, 50));
    const off = rects.find(outside);
    if (off) {
      problems.push(`text ${text} at ${fmt(off)} lies outside the slide ${fmt(box)}`);
      continue;
    }
    const mid = (r) => (r.top + r.bottom) / 2;
    for (const c of clips(t)) {
      const hidden = rects.filter((r) => mid(r) < c.top || mid(r) > c.bottom).length;
      const cut = rects.some((r) => r.left < c.left - tol || r.right > c.right + tol);
      if (hidden || cut) {
        problems.push(`text ${text} is cut off by ${describe(c.e)}: `
          + (hidden ? 'a line of it is hidden' : 'it runs past the side'));
        break;
      }
    }
  }
  return { problems: [...new Set(problems)], text: slide.innerText };
}
