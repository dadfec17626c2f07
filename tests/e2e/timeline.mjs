// Checks timeline.html in headless Chromium against the schedule almanac
// wrote beside it (tasks.json, plan.json), and opens a generated plan of
// 10,000 items.
//
//   node timeline.mjs --out DIR [--hostile DIR] [--english DIR] [--large DIR] [--artifacts DIR]
//   node timeline.mjs --large DIR      # only the large plan (bench/timeline.sh)
//
// DIR (--out) is the 2026 example's build folder (timeline.html, tasks.json,
// plan.json). --hostile and --english are the build folders of the hostile
// plan and of an English plan; --large the folder of a generated plan.
// Screenshots go to the artifacts folder. Prints one line per failure and
// exits 1 if there was any; prints how long the large plan took to open.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';

const { values: opt } = parseArgs({
  options: {
    out: { type: 'string' },
    hostile: { type: 'string' },
    english: { type: 'string' },
    large: { type: 'string' },
    artifacts: { type: 'string' },
  },
});
if (!opt.out && !opt.large) {
  console.error('usage: node timeline.mjs --out DIR [--hostile DIR] [--english DIR] [--large DIR] [--artifacts DIR]');
  process.exit(2);
}

const artifacts = opt.artifacts ? resolve(opt.artifacts) : null;
if (artifacts) mkdirSync(artifacts, { recursive: true });

const failures = [];
const fail = (msg) => failures.push(msg);
const check = (ok, msg) => { if (!ok) fail(msg); };
const json = (dir, name) => JSON.parse(readFileSync(join(resolve(dir), name), 'utf8'));
const url = (dir) => pathToFileURL(join(resolve(dir), 'timeline.html')).href;

const browser = await launchChromium();

async function open(dir, hash = '', viewport = { width: 1400, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('dialog', (d) => { errors.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push(`a request: ${r.url()}`); });
  await page.goto(url(dir) + hash);
  await page.waitForSelector('html[data-ready]');
  return { page, errors };
}

// --- the 2026 example: the month view against tasks.json -----------------
if (opt.out) {
  const tasks = json(opt.out, 'tasks.json').items;
  const plan = json(opt.out, 'plan.json');
  const { page, errors } = await open(opt.out);
  // Every publish item is in its day's cell, once per channel.
  const posts = await page.$$eval('.day[data-date] .post', (els) => els.map((e) => ({
    id: e.getAttribute('data-id'),
    date: e.closest('.day').getAttribute('data-date'),
    ch: e.getAttribute('data-ch'),
  })));
  const publishing = tasks.filter((t) => t.publishes);
  let expected = 0;
  for (const t of publishing) {
    const on = posts.filter((p) => p.id === t.id);
    const channels = Math.max(1, t.channels.length);
    expected += channels;
    check(on.length === channels, `${t.id}: ${on.length} posts on the page, ${channels} channels in tasks.json`);
    check(on.every((p) => p.date === t.date), `${t.id}: shown on ${on.map((p) => p.date)}, due ${t.date}`);
  }
  check(posts.length === expected, `${posts.length} posts on the page, ${expected} publish items × channels in tasks.json`);
  check(publishing.some((t) => t.kind === 'episode'), 'tasks.json has episodes to show');

  // February: Spring Festival off 02-15..02-23, make-up workdays 02-14 and 02-28.
  const feb = await page.$$eval('#month-2026-02 .day[data-date]', (els) => els.map((e) => ({
    date: e.getAttribute('data-date'),
    day: e.getAttribute('data-day'),
    mark: (e.querySelector('.mark') || {}).textContent || '',
    posts: e.querySelectorAll('.post').length,
  })));
  check(feb.length === 28, `February has ${feb.length} days`);
  for (const d of feb) {
    const n = +d.date.slice(8);
    const want = n === 14 || n === 28 ? 'work' : n >= 15 && n <= 23 ? 'off' : null;
    check(d.day === want, `${d.date}: marked ${d.day}, expected ${want}`);
    if (want) check(d.mark === (want === 'off' ? '休' : '班'), `${d.date}: mark "${d.mark}"`);
  }
  const feb18 = feb.find((d) => d.date === '2026-02-18');
  check(feb18 && feb18.posts === 0, `02-18 shows ${feb18 && feb18.posts} posts; no column publishes on it`);
  check(!tasks.some((t) => t.kind === 'episode' && t.date === '2026-02-18'), 'tasks.json has no episode on 02-18');
  if (artifacts) {
    await page.locator('#month-2026-02').screenshot({ path: join(artifacts, 'timeline-2026-02.png') });
    await page.screenshot({ path: join(artifacts, 'timeline-months.png') });
  }

  // A channel filter: only that channel's posts remain, and it survives a reload.
  await page.click('details[data-filter="ch"] summary');
  const boxes = await page.$$('details[data-filter="ch"] input[type="checkbox"]');
  for (const b of boxes) {
    if ((await b.getAttribute('value')) !== 'weibo') await b.uncheck();
  }
  const weibo = await page.$$eval('.post', (els) => els.map((e) => e.getAttribute('data-ch')));
  const weiboWant = publishing.filter((t) => t.channel_ids.includes('weibo')).length;
  check(weibo.length > 0 && weibo.every((c) => c === 'weibo'), `channel filter: ${weibo.length} posts, channels ${[...new Set(weibo)]}`);
  check(weibo.length === weiboWant, `channel filter: ${weibo.length} posts shown, ${weiboWant} publish on weibo in tasks.json`);
  await page.reload();
  await page.waitForSelector('html[data-ready]');
  const after = await page.$$eval('.post', (els) => els.length);
  check(after === weibo.length, `after a reload the filter shows ${after} posts, not ${weibo.length}`);
  await page.click('#reset');

  // The Gantt: the three flagships with plan.json's dates, tasks under them.
  await page.click('.tabs button[data-view="gantt"]');
  await page.waitForSelector('html[data-ready="gantt"]');
  const bars = await page.$$eval('.bar.flagship', (els) => els.map((e) => ({
    id: e.getAttribute('data-id'), start: e.getAttribute('data-start'), end: e.getAttribute('data-end'),
  })));
  const flagships = plan.campaigns.filter((c) => c.flagship);
  check(flagships.length === 3, `plan.json has ${flagships.length} flagships`);
  for (const c of flagships) {
    const bar = bars.find((b) => b.id === `campaign:${c.id}`);
    check(bar && bar.start === c.start && bar.end === c.end,
      `flagship ${c.id}: bar ${JSON.stringify(bar)}, plan.json ${c.start}..${c.end}`);
  }
  const taskBars = await page.$$eval('.bar.k-task', (els) => els.map((e) => e.getAttribute('data-id')));
  const taskIds = tasks.filter((t) => t.kind === 'task').map((t) => t.id);
  check(taskIds.every((id) => taskBars.includes(id)), `task bars ${taskBars.length}, tasks in tasks.json ${taskIds.length}`);
  const deps = await page.$$eval('.g-deps path', (els) => els.length);
  check(deps > 0, 'dependencies are drawn');
  const reviews = await page.$$eval('.rv', (els) => els.length);
  const reviewSteps = tasks.filter((t) => t.kind === 'review').length;
  check(reviews === reviewSteps, `${reviews} review deadlines drawn, ${reviewSteps} review steps in tasks.json`);
  if (artifacts) await page.screenshot({ path: join(artifacts, 'timeline-gantt.png') });

  // Printing shows both views.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    month: getComputedStyle(document.getElementById('month-view')).display,
    gantt: getComputedStyle(document.getElementById('gantt-view')).display,
  }));
  check(printed.month !== 'none' && printed.gantt !== 'none', `print shows ${JSON.stringify(printed)}`);
  if (artifacts) await page.pdf({ path: join(artifacts, 'timeline.pdf'), format: 'A4', landscape: true });
  for (const e of errors) fail(`2026 example: ${e}`);
  await page.close();
}

// --- the hostile plan: its text stays text --------------------------------
if (opt.hostile) {
  const { page, errors } = await open(opt.hostile, '#view=gantt');
  const found = await page.evaluate(() => ({
    scripts: document.scripts.length,
    planted: document.querySelectorAll('main img, main b, main i, header b, .g-label *').length,
    text: document.body.innerText,
    title: document.title,
  }));
  check(found.scripts === 2, `${found.scripts} script elements`);
  check(found.planted === 0, `${found.planted} elements made from plan text`);
  check(found.title.includes('Hostile <b>fixture</b>'), `title: ${found.title}`);
  const unsafe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  check(!unsafe.test(found.text + found.title), 'unsafe characters reach the page');
  check(found.text.includes('<script>') || found.text.includes('<img'), 'the hostile names are shown as text');
  for (const e of errors) fail(`hostile plan: ${e}`);
  await page.close();
}

// --- an English plan --------------------------------------------------------
if (opt.english) {
  const { page, errors } = await open(opt.english);
  const words = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    heading: document.querySelector('.month h2').textContent,
    tabs: [...document.querySelectorAll('.tabs button')].map((b) => b.textContent),
    weekday: document.querySelector('.wd').textContent,
  }));
  check(words.lang === 'en', `lang ${words.lang}`);
  check(/^January \d{4}$/.test(words.heading), `first month "${words.heading}"`);
  check(words.tabs.join('|') === 'Months|Gantt', `tabs ${words.tabs}`);
  check(words.weekday === 'Mon', `first weekday ${words.weekday}`);
  for (const e of errors) fail(`English plan: ${e}`);
  await page.close();
}

// --- a generated plan of 10,000 items --------------------------------------
if (opt.large) {
  const opened = [];
  const switched = [];
  for (let run = 0; run < 5; run++) {
    const { page, errors } = await open(opt.large);
    opened.push(await page.evaluate(() => performance.getEntriesByName('timeline-drawn')[0].startTime));
    const t0 = Date.now();
    await page.click('.tabs button[data-view="gantt"]');
    await page.waitForSelector('html[data-ready="gantt"]');
    switched.push(Date.now() - t0);
    if (run === 0) {
      const rows = await page.evaluate(() => JSON.parse(document.getElementById('timeline-data').textContent).rows.length);
      const drawn = await page.$$eval('.g-row', (els) => els.length);
      check(drawn > 0 && drawn < 200, `${drawn} of ${rows} rows in the page: only those on screen are drawn`);
      await page.evaluate(() => { const s = document.getElementById('gantt-scroll'); s.scrollTop = s.scrollHeight; });
      await page.waitForTimeout(200);
      const last = await page.evaluate(() => {
        const d = JSON.parse(document.getElementById('timeline-data').textContent);
        const id = d.rows[d.rows.length - 1].id;
        return !!document.querySelector(`.g-row[data-row="${CSS.escape(id)}"]`);
      });
      check(last, 'scrolled to the bottom, the last row is drawn');
      if (artifacts) await page.screenshot({ path: join(artifacts, 'timeline-large-gantt.png') });
    }
    for (const e of errors) fail(`large plan: ${e}`);
    await page.close();
  }
  // Filtering redraws synchronously on the click: time it in the page.
  const filtering = [];
  {
    const { page, errors } = await open(opt.large);
    for (let run = 0; run < 5; run++) {
      filtering.push(await page.evaluate(() => {
        const box = document.querySelector('details[data-filter="ch"] input');
        const t0 = performance.now();
        box.click();
        return performance.now() - t0;
      }));
    }
    const shown = await page.$$eval('.post', (els) => els.length);
    check(shown > 0, 'after filtering, the large plan still shows posts');
    for (const e of errors) fail(`large plan: ${e}`);
    await page.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`timeline of the large plan: a channel filter redraws the months in ${median(filtering).toFixed(0)} ms (median of ${filtering.length})`);
  console.log(`timeline of the large plan: drawn ${median(opened).toFixed(0)} ms after navigation (median of ${opened.length}: ${opened.map((x) => x.toFixed(0)).join(', ')}); Gantt drawn ${median(switched)} ms after the click (median)`);
}

await browser.close();
for (const f of failures) console.log(`FAIL timeline: ${f}`);
process.exit(failures.length ? 1 : 0);
