// Issue 7 item 1, Lighthouse 12.2.3 in the suite's headless Chromium, on one
// page of each kind, with the mobile (default) and desktop presets: SEO,
// Accessibility and Best Practices 100, Performance at least 95. Each page
// and preset runs several times (mobile five, desktop three) and each
// category is judged on the median of its scores: Lighthouse's documented
// answer to timing noise, which on a shared 2-core machine can cost one run
// 10-20 Performance points. Mobile runs five times because its simulated
// 4x CPU slowdown multiplies every stall of the machine into Total Blocking
// Time. Each run gets a Chromium of its own with a fresh profile, as the
// Lighthouse CLI does, so the suite's earlier checks leave nothing behind
// in the browser that is measured. Every
// score of every run is printed; so is every audit listed in
// offline-audits.md, with why it cannot be judged here. The reports go to
// $LIGHTHOUSE_DIR (default rolesite-lighthouse in the system's temp folder).
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {tmpdir} from 'node:os';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import {launch} from '../lib/browser.mjs';
import {qualityRoot, samplePages} from '../lib/site.mjs';

const presets = {mobile: {config: undefined, runs: 5}, desktop: {config: desktopConfig, runs: 3}};
const minimum = {performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1};

// offlineAudits reads the table rows "| `audit-id` | reason |".
function offlineAudits() {
  const md = readFileSync(join(qualityRoot, 'offline-audits.md'), 'utf8');
  return [...md.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|\s*(.+?)\s*\|\s*$/gm)].map((m) => ({id: m[1], reason: m[2]}));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (score) => (score === null ? 'n/a' : String(Math.round(score * 100)));

function auditResult(a) {
  if (!a) return 'absent';
  if (a.scoreDisplayMode === 'notApplicable') return 'not applicable';
  if (a.scoreDisplayMode === 'informative') return `informative: ${a.details?.items?.[0]?.description ?? a.displayValue ?? 'nothing found'}`;
  return pct(a.score);
}

export default {
  name: 'lighthouse',
  title: 'Lighthouse 12.2.3, mobile and desktop: SEO, Accessibility, Best Practices 100, Performance >= 95',
  async run({origin, log}) {
    const failures = [];
    const offline = offlineAudits();
    const seen = new Map(offline.map((a) => [a.id, new Set()]));
    const table = [];
    const dir = process.env.LIGHTHOUSE_DIR || join(tmpdir(), 'rolesite-lighthouse');
    mkdirSync(dir, {recursive: true});
    for (const [kind, path] of Object.entries(samplePages)) {
      for (const [preset, {config, runs}] of Object.entries(presets)) {
        const where = `${kind} ${path} (${preset})`;
        const lhrs = [];
        for (let i = 0; i < runs; i++) {
          const chromium = await launch();
          let lhr;
          try {
            lhr = (await lighthouse(origin + path, {port: chromium.port, logLevel: 'error', output: 'json', onlyCategories: Object.keys(minimum)}, config))?.lhr;
          } finally {
            await chromium.close();
          }
          if (!lhr || lhr.runtimeError) failures.push(`${where}: Lighthouse did not finish: ${lhr?.runtimeError?.message ?? 'no result'}`);
          else lhrs.push(lhr);
        }
        if (lhrs.length < runs) continue;
        lhrs.forEach((l, i) => writeFileSync(join(dir, `${kind.replace(' ', '-')}-${preset}-${i + 1}.json`), JSON.stringify(l)));
        const scores = Object.fromEntries(Object.keys(minimum).map((c) => [c, median(lhrs.map((l) => l.categories[c].score ?? 0))]));
        const perRun = lhrs.map((l) => pct(l.categories.performance.score)).join('/');
        table.push(`${kind.padEnd(12)} ${preset.padEnd(8)} ${Object.entries(scores).map(([c, s]) => `${c} ${pct(s)}`).join('  ')}   (performance per run: ${perRun})`);
        for (const [cat, min] of Object.entries(minimum)) {
          if (scores[cat] >= min) continue;
          // Name the audits that cost points in the run with the median score.
          const lhr = lhrs.find((l) => (l.categories[cat].score ?? 0) === scores[cat]);
          const below = lhr.categories[cat].auditRefs
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a.score !== null && a.score < 1)
            .map((a) => `${a.id} ${pct(a.score)}${a.displayValue ? ' (' + a.displayValue + ')' : ''}`);
          failures.push(`${where}: ${cat} ${pct(scores[cat])} < ${pct(min)}; audits below 100: ${below.join(', ') || 'none'}`);
        }
        for (const w of new Set(lhrs.flatMap((l) => l.runWarnings))) failures.push(`${where}: run warning: ${w}`);
        for (const {id} of offline) for (const l of lhrs) seen.get(id).add(auditResult(l.audits[id]));
      }
    }
    for (const row of table) log(row);
    log(`reports (JSON) in ${dir}`);
    for (const {id} of offline) if (seen.get(id).has('absent')) failures.push(`offline-audits.md lists ${id}, which Lighthouse 12.2.3 does not run`);
    for (const {id, reason} of offline) log(`offline audit ${id} [here: ${[...seen.get(id)].join(' / ')}]: ${reason}`);
    const total = Object.keys(samplePages).length * Object.values(presets).reduce((n, p) => n + p.runs, 0);
    return {failures, summary: `${table.length} pages x presets, ${total} runs, each in a fresh Chromium`};
  },
};
