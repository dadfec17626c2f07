// Drives `almanac serve` in headless Chromium: the index lists the plans;
// the 2026 plan's page follows edits of the plan file on disk without a
// reload by hand (a campaign moved a week); an unknown channel brings the
// overlay with the diagnostic exactly as `almanac check` prints it, over
// the deck too; the fix takes it away. Measures save-to-refresh (the
// file written → the page shows the new dates) over several runs and
// prints the median; nothing asserts on time.
//
//   node serve.mjs --almanac BIN [--runs N] [--page timeline|tasks] [--artifacts DIR]
//
// --page: the page that must follow the edit. `timeline` reads the Gantt
// bars (`[data-id="campaign:<id>"]` with `data-start`/`data-end`);
// `tasks` reads the task list (the campaign's launch task, due on its
// start). Default: the timeline when the plan's build has one.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';

const { values: opt } = parseArgs({
  options: {
    almanac: { type: 'string' },
    runs: { type: 'string', default: '5' },
    page: { type: 'string' },
    artifacts: { type: 'string' },
  },
});
if (!opt.almanac) {
  console.error('usage: node serve.mjs --almanac BIN [--runs N] [--page timeline|tasks] [--artifacts DIR]');
  process.exit(2);
}
const almanac = resolve(opt.almanac);
const runs = Math.max(1, Number(opt.runs) || 5);
const artifacts = opt.artifacts ? resolve(opt.artifacts) : null;
if (artifacts) mkdirSync(artifacts, { recursive: true });

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PLAN_ID = 'new-media-2026';
const CAMPAIGN = 'rational_11';
// The campaign's window as the example writes it, and the same a week later.
const WINDOW = 'window = "double_11-21d..+3d"';
const LATER = 'window = "double_11-14d..+10d"';
const CHANNELS = 'channels = ["wechat", "weibo", "douyin", "xiaohongshu"]';
const UNKNOWN = 'channels = ["wechat", "weibo", "douyin", "xiaohongshu", "tiktok"]';

const failures = [];
const fail = (msg) => failures.push(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// A git repository of the example plans (the project root is its folder).
const work = mkdtempSync(join(tmpdir(), 'almanac-serve-'));
cpSync(join(root, 'plans'), join(work, 'plans'), { recursive: true });
execFileSync('git', ['init', '-q', work]);
const planFile = join(work, 'plans', `${PLAN_ID}.toml`);
const original = readFileSync(planFile, 'utf8');
for (const s of [WINDOW, CHANNELS]) {
  if (original.split(s).length !== 2) throw new Error(`the example plan no longer holds \`${s}\` once`);
}
const campaignAt = original.indexOf(`[campaigns.${CAMPAIGN}]`);
const channelsAt = original.indexOf(CHANNELS, campaignAt);
const withText = (from, to) => original.slice(0, campaignAt) + original.slice(campaignAt).replace(from, to);
const moved = withText(WINDOW, LATER);
const broken = original.slice(0, channelsAt) + original.slice(channelsAt).replace(CHANNELS, UNKNOWN);

// What `almanac check` prints for the broken plan: the overlay's text.
writeFileSync(planFile, broken);
let checkText = '';
try {
  execFileSync(almanac, ['check', `plans/${PLAN_ID}.toml`], { cwd: work, env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' });
  fail('almanac check found no error in the plan with an unknown channel');
} catch (e) {
  checkText = e.stderr.toString();
}
writeFileSync(planFile, original);
// The diagnostics: everything before the summary line.
const diagnostics = checkText.split('\n').filter((l) => !/^(checked |检查了 )/.test(l)).join('\n').trim();
const code = (diagnostics.match(/^(?:error|错误)\[([A-Z]\d{3})\]/m) || [])[1];
if (!code) fail(`almanac check printed no error code: ${checkText}`);

// The campaign's dates as `build` resolves them (plan.json): the oracle for
// the timeline's bars.
const campaignDates = (text) => {
  writeFileSync(planFile, text);
  const out = join(work, '.oracle');
  execFileSync(almanac, ['build', `plans/${PLAN_ID}.toml`, '--only', 'plan', '-o', out], { cwd: work, stdio: 'pipe' });
  const plan = JSON.parse(readFileSync(join(out, PLAN_ID, 'plan.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  const c = plan.campaigns.find((x) => x.id === CAMPAIGN);
  return `${c.start}..${c.end}`;
};
const datesBefore = campaignDates(original);
const datesAfter = campaignDates(moved);
writeFileSync(planFile, original);
const shifted = (v, n) => v.split('..').map((d) => addDays(d, n)).join('..');
if (datesAfter !== shifted(datesBefore, 7)) fail(`the edit does not move ${CAMPAIGN} a week: ${datesBefore} → ${datesAfter}`);

// The server.
const server = spawn(almanac, ['serve', 'plans', '--port', '0'], {
  cwd: work, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
});
let stderr = '';
server.stderr.on('data', (d) => { stderr += d; });
const exited = new Promise((r) => server.on('exit', (code, signal) => r({ code, signal })));
const url = await new Promise((res, rej) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/)\n/);
    if (m) res(m[1]);
  });
  server.on('exit', () => rej(new Error(`almanac serve ended: ${stderr}`)));
});

/** Waits until `fn(arg)` is true in the page, across the page's reloads. */
async function until(page, fn, arg, what, timeout = 20000) {
  const t0 = Date.now();
  for (;;) {
    try {
      if (await page.evaluate(fn, arg)) return;
    } catch { /* the page is reloading */ }
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}


// Reading the dates the page shows for the campaign.
const TIMELINE = (id) => {
  const bar = document.querySelector(`[data-id="${id}"]`);
  return bar ? `${bar.getAttribute('data-start')}..${bar.getAttribute('data-end')}` : null;
};
const TASKS = (name) => {
  // The campaign's launch task (due on the campaign's start).
  const li = [...document.querySelectorAll('li')].find((l) => {
    const s = l.querySelector('strong');
    return s && s.textContent === name;
  });
  const m = li && li.textContent.match(/\d{4}-\d{2}-\d{2}/);
  return m ? m[0] : null;
};
const overlayText = () => {
  const host = document.getElementById('almanac-overlay');
  if (!host || !host.shadowRoot || host.style.display === 'none') return null;
  const box = host.shadowRoot.querySelector('.box');
  return box ? box.textContent : null;
};

const browser = await launchChromium();
const times = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));

  // The index lists every example plan with its state and links.
  await page.goto(url);
  const rows = await page.$$eval('#plans tr', (trs) => trs.map((t) => t.getAttribute('data-plan')));
  for (const id of ['new-media-2025', 'new-media-2026', 'northbeam-2027']) {
    if (!rows.includes(id)) fail(`the index does not list ${id}: ${rows}`);
  }
  const links = await page.$$eval(`#plans tr[data-plan="${PLAN_ID}"] a`, (as) => as.map((a) => a.getAttribute('href')));
  const hasTimeline = links.includes(`/${PLAN_ID}/timeline.html`);
  const mode = opt.page || (hasTimeline ? 'timeline' : 'tasks');
  for (const want of [`/${PLAN_ID}/deck.html`, `/${PLAN_ID}/tasks.html`, `/${PLAN_ID}/`]) {
    if (!links.includes(want)) fail(`the index does not link ${want}: ${links}`);
  }
  console.log(`serve: following the ${mode} page`);

  const target = mode === 'timeline' ? `${url}${PLAN_ID}/timeline.html#view=gantt` : `${url}${PLAN_ID}/tasks.html`;
  const read = mode === 'timeline'
    ? () => page.evaluate(TIMELINE, `campaign:${CAMPAIGN}`)
    : () => page.evaluate(TASKS, '理性消费倡议发布');
  await page.goto(target);
  await until(page, () => !!document.getElementById('almanac-live'), null, 'the live script');
  const before = await read();
  if (!before) throw new Error(`the ${mode} page shows no dates for ${CAMPAIGN}`);
  // The timeline's bar spans the campaign as plan.json has it; the task
  // list's launch task is due on its start.
  const want = mode === 'timeline' ? datesBefore : datesBefore.split('..')[0];
  if (before !== want) fail(`the ${mode} page shows ${before} for ${CAMPAIGN}, plan.json says ${want}`);
  const after = mode === 'timeline' ? datesAfter : datesAfter.split('..')[0];

  // Moving the campaign a week, and back, `runs` times.
  for (let i = 0; i < runs; i++) {
    for (const [text, want] of [[moved, after], [original, before]]) {
      const t0 = performance.now();
      writeFileSync(planFile, text);
      const fn = mode === 'timeline' ? TIMELINE : TASKS;
      const arg = mode === 'timeline' ? `campaign:${CAMPAIGN}` : '理性消费倡议发布';
      await until(page, ([f, a, w]) => (new Function(`return (${f})`)())(a) === w,
        [fn.toString(), arg, want], `the page to show ${want}`);
      times.push(performance.now() - t0);
      // Let the new page open its event stream before the next save.
      await until(page, () => !!document.getElementById('almanac-live'), null, 'the live script');
      await sleep(150);
    }
  }
  if (await read() !== before) fail(`the page shows ${await read()}, expected ${before}`);

  // The deck too, in a second tab: its own policy must let the script connect.
  const deck = await context.newPage();
  deck.on('pageerror', (e) => fail(`deck page error: ${e.message}`));
  await deck.goto(`${url}${PLAN_ID}/deck.html`);
  await sleep(300);

  // An unknown channel: the overlay, with `check`'s text, over both pages.
  writeFileSync(planFile, broken);
  for (const [p, name] of [[page, mode], [deck, 'deck']]) {
    try {
      await until(p, overlayText, null, `the overlay on the ${name} page`);
      const text = (await p.evaluate(overlayText)) || '';
      if (!text.includes(`[${code}]`)) fail(`${name}: the overlay lacks the code ${code}: ${text}`);
      const norm = (s) => s.replace(/\s+/g, ' ').trim();
      if (!norm(text).includes(norm(diagnostics))) {
        fail(`${name}: the overlay does not hold check's text.\n--- check:\n${diagnostics}\n--- overlay:\n${text}`);
      }
      const href = await p.evaluate(() => {
        const a = document.getElementById('almanac-overlay').shadowRoot.querySelector('pre a');
        return a && a.getAttribute('href');
      });
      if (!href || !/^\/new-media-2026\/source\/\d+#L\d+$/.test(href)) fail(`${name}: no file:line link in the overlay (${href})`);
    } catch (e) {
      fail(e.message);
    }
  }
  // The last good render is still under the overlay.
  if (await read() !== before) fail('the page under the overlay changed');
  if (artifacts) {
    await page.screenshot({ path: join(artifacts, `serve-overlay-${mode}.png`) });
    await deck.screenshot({ path: join(artifacts, 'serve-overlay-deck.png') });
  }
  // The link leads to the line, in a source view of the file the check read.
  const href = await page.evaluate(() => document.getElementById('almanac-overlay').shadowRoot.querySelector('pre a').getAttribute('href'));
  const src = await context.newPage();
  await src.goto(new URL(href, url).href);
  const line = await src.evaluate(() => {
    const el = document.getElementById(location.hash.slice(1));
    return el ? el.textContent : null;
  });
  if (!line || !line.includes('tiktok')) fail(`the source view's line ${href} does not show the unknown channel: ${line}`);
  await src.close();

  // Fixed: the overlay goes, and the page is the plan's again.
  writeFileSync(planFile, original);
  for (const [p, name] of [[page, mode], [deck, 'deck']]) {
    try {
      await until(p, () => !document.getElementById('almanac-overlay') && !!document.getElementById('almanac-live'), null, `the overlay to go on the ${name} page`);
    } catch (e) {
      fail(e.message);
    }
  }
  if (await read() !== before) fail(`after the fix the page shows ${await read()}, expected ${before}`);
} catch (e) {
  fail(e.stack || e.message);
} finally {
  await browser.close();
}

// Ctrl-C: a clean stop.
server.kill('SIGINT');
const end = await exited;
if (end.code !== 0) fail(`almanac serve exited with ${end.code} (${end.signal}) after SIGINT: ${stderr}`);
if (!/(almanac: stopped|almanac：已停止)\s*$/.test(stderr)) fail(`no closing line: ${stderr.slice(-300)}`);
rmSync(work, { recursive: true, force: true });

if (times.length) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`serve: save-to-refresh over ${times.length} saves: median ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)})`);
}
for (const f of failures) console.log(`FAIL serve: ${f}`);
process.exit(failures.length ? 1 : 0);
