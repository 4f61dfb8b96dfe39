// The quality suite: builds the sample site, serves public/ on 127.0.0.1,
// starts one headless Chromium and runs every check against it.
//
//   node quality/run.mjs                    all checks
//   node quality/run.mjs pa11y ...          only the named checks
//   node quality/run.mjs --site DIR [...]   check an already built site in
//                                           DIR instead of building public/
//
// A check that cannot run (a tool or the browser missing) fails; nothing is
// skipped. The last line is "quality: N passed, M failed".
import {resolve} from 'node:path';
import {launch} from './lib/browser.mjs';
import {serve} from './lib/server.mjs';
import {build, describe} from './lib/site.mjs';
import design from './checks/design.mjs';
import lighthouse from './checks/lighthouse.mjs';
import links from './checks/links.mjs';
import pa11y from './checks/pa11y.mjs';
import snippets from './checks/snippets.mjs';
import structuredData from './checks/structured-data.mjs';

const checks = [snippets, structuredData, design, links, pa11y, lighthouse];

const seconds = (t0) => ((performance.now() - t0) / 1000).toFixed(1) + ' s';

async function main(args) {
  const at = args.indexOf('--site');
  const prebuilt = at >= 0 ? args.splice(at, 2)[1] : undefined;
  if (at >= 0 && !prebuilt) {
    console.error('--site needs a folder');
    return 2;
  }
  const names = args;
  const unknown = names.filter((n) => !checks.some((c) => c.name === n));
  if (unknown.length) {
    console.error(`unknown check(s) ${unknown.join(', ')}; known: ${checks.map((c) => c.name).join(', ')}`);
    return 2;
  }
  const selected = names.length ? checks.filter((c) => names.includes(c.name)) : checks;
  const t0 = performance.now();
  const site = describe(prebuilt ? resolve(prebuilt) : build());
  const server = await serve(site.root);
  let passed = 0;
  let failed = 0;
  try {
    const chromium = await launch();
    console.log(`quality: ${site.pages.length} HTML pages, ${site.sitemap.length} sitemap URLs, served at ${server.origin}, ${chromium.version}`);
    try {
      for (const check of selected) {
        const t = performance.now();
        const log = (msg) => console.log(`  ${check.name}: ${msg}`);
        console.log(`--- ${check.name}: ${check.title}`);
        let result;
        try {
          result = await check.run({site, origin: server.origin, browser: chromium.browser, port: chromium.port, log});
        } catch (e) {
          result = {failures: [`check crashed: ${e.stack || e}`]};
        }
        if (result.failures.length) {
          failed++;
          console.log(`FAIL ${check.name} (${seconds(t)}): ${result.failures.length} problem(s)`);
          for (const f of result.failures) console.log(`  - ${f}`);
        } else {
          passed++;
          console.log(`ok   ${check.name} (${seconds(t)})${result.summary ? ': ' + result.summary : ''}`);
        }
      }
    } finally {
      await chromium.close();
    }
  } finally {
    await server.close();
  }
  const encoded = Object.entries(server.encoded).map(([name, n]) => `${n} ${name}`).join(', ');
  if (encoded) console.log(`quality: precompressed answers: ${encoded}`);
  console.log(`quality: ${passed} passed, ${failed} failed (${seconds(t0)})`);
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
