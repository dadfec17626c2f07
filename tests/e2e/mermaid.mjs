// Checks the Mermaid charts almanac writes with the real Mermaid library in
// headless Chromium: every file given parses as a gantt chart, every bar
// keeps the dates written for it (an `excludes` day never stretches a bar),
// and each chart renders to SVG showing the names of its plan's campaigns
// exactly as the plan spells them (so the escaping round-trips). One chart is
// saved as SVG and as a PNG screenshot, and must show the plan's flagships.
//
//   node mermaid.mjs --chart FILE[=PLAN_JSON] ... --markdown DIFF.md ...
//                    --render FILE --plan PLAN_JSON --flagships N
//                    [--artifacts DIR]
//
// FILE is a timeline.mmd; with =PLAN_JSON (the plan.json of the same
// build) its campaign names are looked for in the SVG. DIFF.md is the
// output of `almanac diff --mermaid`; each of its ```mermaid blocks is
// checked. Prints one line per failure and exits 1 if there was any.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';

const { values: opt } = parseArgs({
  options: {
    chart: { type: 'string', multiple: true, default: [] },
    markdown: { type: 'string', multiple: true, default: [] },
    render: { type: 'string' },
    plan: { type: 'string' },
    flagships: { type: 'string' },
    artifacts: { type: 'string' },
  },
});
if (!opt.render || !opt.plan || !opt.flagships) {
  console.error('usage: node mermaid.mjs --chart FILE[=PLAN_JSON]... --markdown DIFF.md... '
    + '--render FILE --plan PLAN_JSON --flagships N [--artifacts DIR]');
  process.exit(2);
}

const MERMAID = new URL('./node_modules/mermaid/dist/mermaid.min.js', import.meta.url).pathname;
const artifacts = opt.artifacts ? resolve(opt.artifacts) : null;
if (artifacts) mkdirSync(artifacts, { recursive: true });

const failures = [];
const fail = (msg) => failures.push(msg);
// What every document does to a plan's text (src/text.rs), then the one-line
// form of a chart's text: unsafe characters dropped, runs of space as one.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;
const norm = (s) => s.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();

// [label, source text, names expected in the SVG]
const charts = [];
for (const arg of opt.chart) {
  const [file, planJson] = arg.split('=');
  const names = planJson
    ? JSON.parse(readFileSync(planJson, 'utf8')).campaigns.map((c) => norm(c.name))
    : [];
  charts.push([file, readFileSync(file, 'utf8'), names]);
}
for (const file of opt.markdown) {
  const md = readFileSync(file, 'utf8');
  const blocks = [...md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0) fail(`${file}: no \`\`\`mermaid block`);
  blocks.forEach((b, i) => charts.push([`${file} block ${i + 1}`, b, []]));
}
const plan = JSON.parse(readFileSync(opt.plan, 'utf8'));
const flagships = plan.campaigns.filter((c) => c.flagship).map((c) => norm(c.name));
if (flagships.length !== Number(opt.flagships)) {
  fail(`${opt.plan}: ${flagships.length} flagships, expected ${opt.flagships}`);
}

// The bars as written: id → [first day, last day].
const written = (text) => {
  const bars = new Map();
  for (const m of text.matchAll(/:(?:[a-z]+, )*(\w+), (\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d)$/gm)) {
    bars.set(m[1], [m[2], m[3]]);
  }
  return bars;
};

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.setOffline(true);
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));
  await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff"><div id="out"></div></body>');
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));

  for (const [label, text, names] of charts) {
    const r = await page.evaluate(async (text) => {
      const out = {};
      try {
        const parsed = await window.mermaid.parse(text);
        out.type = parsed && parsed.diagramType;
      } catch (e) {
        out.error = String(e && e.message ? e.message : e);
        return out;
      }
      // Every bar's dates as Mermaid holds them (local days, end exclusive).
      const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const diagram = await window.mermaid.mermaidAPI.getDiagramFromText(text);
      out.tasks = diagram.db.getTasks().map((t) => ({
        id: t.id,
        start: day(t.startTime),
        end: day(t.endTime),
        renderEnd: t.renderEndTime ? day(t.renderEndTime) : null,
      }));
      const { svg } = await window.mermaid.render(`chart${Math.floor(performance.now())}`, text);
      const holder = document.getElementById('out');
      holder.innerHTML = svg;
      out.texts = [...holder.querySelectorAll('svg text')].map((t) => t.textContent);
      out.svg = svg;
      return out;
    }, text);
    if (r.error) {
      fail(`${label}: Mermaid cannot parse it: ${r.error}`);
      continue;
    }
    if (r.type !== 'gantt') fail(`${label}: parsed as ${r.type}, not gantt`);
    const bars = written(text);
    if (bars.size === 0) fail(`${label}: no bars found`);
    if (bars.size !== r.tasks.length) fail(`${label}: ${bars.size} bars written, Mermaid has ${r.tasks.length}`);
    for (const t of r.tasks) {
      const w = bars.get(t.id);
      if (!w) {
        fail(`${label}: Mermaid has a bar ${t.id} that was not written`);
        continue;
      }
      // inclusiveEndDates: the bar ends at the start of the day after the last.
      const after = new Date(`${w[1]}T00:00:00`);
      after.setDate(after.getDate() + 1);
      const afterDay = `${after.getFullYear()}-${String(after.getMonth() + 1).padStart(2, '0')}-${String(after.getDate()).padStart(2, '0')}`;
      if (t.start !== w[0] || t.end !== afterDay || (t.renderEnd && t.renderEnd !== afterDay)) {
        fail(`${label}: bar ${t.id} written ${w[0]}..${w[1]} is drawn ${t.start}..${t.end} (render end ${t.renderEnd})`);
      }
    }
    const shown = new Set(r.texts.map(norm));
    for (const n of names) {
      if (!shown.has(n)) fail(`${label}: the SVG shows no text ${JSON.stringify(n)}`);
    }
    console.log(`ok   ${label}: gantt, ${r.tasks.length} bars`);
  }

  // The one rendered and kept: the 2026 plan's timeline.
  const text = readFileSync(opt.render, 'utf8');
  await page.setViewportSize({ width: 1600, height: 900 });
  const svg = await page.evaluate(async (text) => {
    // Not `timeline`: the sanitiser drops an id that names a property of
    // `document` (document.timeline), and the chart's styles with it.
    const { svg } = await window.mermaid.render('almanac-timeline', text);
    document.getElementById('out').innerHTML = svg;
    return svg;
  }, text);
  const texts = await page.$$eval('#out svg text', (ts) => ts.map((t) => t.textContent));
  const shown = new Set(texts.map(norm));
  const missing = flagships.filter((f) => !shown.has(f));
  for (const f of missing) fail(`${opt.render}: the SVG does not show the flagship ${f}`);
  const holidays = await page.$$eval('#out svg .exclude-range', (rs) => rs.length);
  if (text.includes('excludes ') && holidays === 0) fail(`${opt.render}: no excluded days are shaded`);
  if (artifacts) {
    writeFileSync(join(artifacts, 'timeline.svg'), svg);
    await page.locator('#out svg').screenshot({ path: join(artifacts, 'timeline.png') });
  }
  console.log(`${missing.length ? 'FAIL' : 'ok  '} ${opt.render}: rendered, ${flagships.length - missing.length} of ${flagships.length} flagships shown, ${holidays} excluded ranges shaded`);
} finally {
  await browser.close();
}

for (const f of failures) console.log(`FAIL ${f}`);
process.exit(failures.length ? 1 : 0);
