// Issue 7 item 4, the page design: no JavaScript, one stylesheet under 15 KB
// with a print stylesheet, and in Chromium at a phone (390x844) and a laptop
// (1366x900) size, light and dark, no page scrolls sideways and the brand,
// breadcrumb and heading share one left edge; on the phone an
// open role shows location, salary band, skills and the contact button
// before any scrolling. Screenshots go to $SCREENSHOT_DIR
// (default rolesite-screenshots in the system's temp folder) for a human to look at.
import {mkdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {tmpdir} from 'node:os';
import {all, byTag, parse} from '../lib/html.mjs';
import {samplePages} from '../lib/site.mjs';

const cssLimit = 15_000; // bytes
const viewports = [
  {name: 'phone', width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1},
  {name: 'laptop', width: 1366, height: 900, deviceScaleFactor: 1},
];
const schemes = ['light', 'dark'];
// What a candidate on a phone must see on an open role without scrolling.
const aboveTheFold = {location: '.facts .fact-location', salary: '.facts .fact-salary', skills: '.skills', contact: '.cta-top .button'};

function staticProblems(site) {
  const out = [];
  const sheets = new Set();
  for (const page of site.pages) {
    const doc = parse(page.html);
    for (const s of byTag(doc, 'script')) if (s.attribs.type !== 'application/ld+json') out.push(`${page.path}: a script that is not JSON-LD`);
    for (const e of all(doc, (e) => Object.keys(e.attribs || {}).some((a) => a.startsWith('on')))) out.push(`${page.path}: event handler attribute on <${e.name}>`);
    for (const e of all(doc, (e) => /^\s*javascript:/i.test(e.attribs?.href ?? ''))) out.push(`${page.path}: javascript: URL on <${e.name}>`);
    if (byTag(doc, 'style').length || all(doc, (e) => e.attribs?.style !== undefined).length) out.push(`${page.path}: inline styles`);
    const css = byTag(doc, 'link').filter((l) => l.attribs.rel === 'stylesheet').map((l) => l.attribs.href);
    if (css.length !== 1 || !/^\/assets\/style\.[0-9a-f]{8}\.css$/.test(css[0])) out.push(`${page.path}: stylesheets ${JSON.stringify(css)}, want one /assets/style.<hash>.css`);
    css.forEach((c) => sheets.add(c));
  }
  for (const href of sheets) {
    const file = join(site.root, href);
    const size = statSync(file).size;
    if (size >= cssLimit) out.push(`${href} is ${size} bytes, limit ${cssLimit}`);
    if (!/@media\s+print\b/.test(readFileSync(file, 'utf8'))) out.push(`${href} has no print stylesheet`);
  }
  return {out, sheets: [...sheets].map((h) => `${h} ${statSync(join(site.root, h)).size} bytes`)};
}

async function shoot(browser, url, viewport, scheme, file) {
  const tab = await browser.newPage();
  try {
    await tab.setViewport(viewport);
    await tab.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
    await tab.goto(url, {waitUntil: 'load'});
    const m = await tab.evaluate((fold) => {
      const rect = (sel) => document.querySelector(sel)?.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        fold: Object.fromEntries(Object.entries(fold).map(([k, sel]) => [k, rect(sel) ? Math.round(rect(sel).bottom) : null])),
        // The brand, the breadcrumb and the heading start on one left edge.
        edges: ['.brand', '.breadcrumb ol', 'h1'].filter((sel) => document.querySelector(sel)).map((sel) => [sel, Math.round(rect(sel).left)]),
        wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 5),
      };
    }, aboveTheFold);
    await tab.screenshot({path: file});
    await tab.screenshot({path: file.replace(/\.png$/, '-full.png'), fullPage: true});
    await tab.emulateMediaType('print');
    m.printHidden = await tab.evaluate(() => ['.site-header', '.cta-top', '.breadcrumb'].every((s) => !document.querySelector(s) || getComputedStyle(document.querySelector(s)).display === 'none'));
    return m;
  } finally {
    await tab.close();
  }
}

export default {
  name: 'design',
  title: 'no JavaScript, CSS < 15 KB with print styles, no sideways scrolling at 390x844 and 1366x900, role facts above the fold',
  async run({site, origin, browser, log}) {
    const {out: failures, sheets} = staticProblems(site);
    log(`stylesheet: ${sheets.join(', ')}`);
    const dir = process.env.SCREENSHOT_DIR || join(tmpdir(), 'rolesite-screenshots');
    mkdirSync(dir, {recursive: true});
    let shots = 0;
    for (const [kind, path] of Object.entries(samplePages)) {
      for (const vp of viewports) {
        for (const scheme of schemes) {
          const file = join(dir, `${kind.replace(' ', '-')}-${vp.width}x${vp.height}-${scheme}.png`);
          const m = await shoot(browser, origin + path, vp, scheme, file);
          shots++;
          const where = `${path} at ${vp.width}x${vp.height} ${scheme}`;
          if (m.scrollWidth > m.innerWidth) failures.push(`${where}: scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth} (wide: ${m.wide.join(', ')})`);
          if (new Set(m.edges.map(([, x]) => x)).size > 1) failures.push(`${where}: left edges differ: ${m.edges.map(([sel, x]) => `${sel} ${x}px`).join(', ')}`);
          if (!m.printHidden) failures.push(`${where}: header, breadcrumb or top button still shown in print`);
          if (kind === 'open role' && vp.name === 'phone' && scheme === 'light') {
            for (const [what, bottom] of Object.entries(m.fold)) {
              if (bottom === null) failures.push(`${where}: no ${what} (${aboveTheFold[what]})`);
              else if (bottom > vp.height) failures.push(`${where}: ${what} ends at ${bottom}px, below the fold at ${vp.height}px`);
            }
            log(`open role on a phone, bottom edge (px) of ${Object.entries(m.fold).map(([k, v]) => `${k} ${v}`).join(', ')} (fold ${vp.height})`);
          }
        }
      }
    }
    log(`${shots * 2} screenshots in ${dir}`);
    return {failures, summary: `${shots} page views without sideways scrolling, ${sheets.join(', ')}`};
  },
};
