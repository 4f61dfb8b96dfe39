// Issue 7 item 1, accessibility: pa11y with both runners (axe-core and
// HTML_CodeSniffer) at WCAG 2 AA on every HTML page, one page at a time, in
// the suite's Chromium; then once more in dark mode (prefers-color-scheme)
// on one page of each kind, for the contrast of the dark palette. Any issue
// pa11y reports (its default level: errors) fails.
import pa11y from 'pa11y';
import {samplePages} from '../lib/site.mjs';

const options = {standard: 'WCAG2AA', runners: ['axe', 'htmlcs'], timeout: 60_000, wait: 0};

async function audit(browser, url, scheme) {
  const tab = await browser.newPage();
  try {
    await tab.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
    // Stay on the page: an alias page's meta refresh would otherwise swap
    // in its target while the runners work.
    await tab.setRequestInterception(true);
    tab.on('request', (req) => (req.isNavigationRequest() && req.frame() === tab.mainFrame() && req.url() !== url ? req.abort('aborted') : req.continue()));
    return (await pa11y(url, {...options, browser, page: tab})).issues;
  } finally {
    await tab.close();
  }
}

export default {
  name: 'pa11y',
  title: 'pa11y 9.1.1, runners axe + htmlcs, WCAG2AA, every page (light) and one of each kind (dark), concurrency 1',
  async run({site, origin, browser, log}) {
    const dark = new Set([...Object.values(samplePages), ...['404', 'alias'].map((k) => site.pages.find((p) => p.kind === k)?.path)].filter(Boolean));
    const runs = [...site.pages.map((p) => [p.path, 'light']), ...[...dark].map((path) => [path, 'dark'])];
    const failures = [];
    const byRunner = {axe: 0, htmlcs: 0};
    for (const [path, scheme] of runs) {
      for (const i of await audit(browser, origin + path, scheme)) {
        byRunner[i.runner] = (byRunner[i.runner] || 0) + 1;
        failures.push(`${path} (${scheme}): [${i.runner}] ${i.code}: ${i.message} (${i.selector})`);
      }
    }
    const summary = `${site.pages.length} pages light + ${dark.size} dark, ${failures.length} issues (axe ${byRunner.axe}, htmlcs ${byRunner.htmlcs})`;
    log(summary);
    return {failures, summary};
  },
};
