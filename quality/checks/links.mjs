// Issue 7 item 1, links: linkinator crawls the served site from /, checking
// every href, src, srcset, CSS url() and #fragment; every page and every
// sitemap URL must be reached. A second, shallow run checks the links on
// the pages nothing links to: 404.html and the alias redirects.
import {check, LinkState} from 'linkinator';

async function crawl(origin, paths, recurse) {
  const {links} = await check({
    path: paths.map((p) => origin + p),
    recurse,
    concurrency: 4,
    timeout: 10_000,
    checkCss: true,
    checkFragments: true,
    redirects: 'error', // every internal link must already be the canonical /x/ form
    linksToSkip: async (url) => !url.startsWith(origin + '/'), // offline: external and production URLs are not fetched
  });
  return links;
}

export default {
  name: 'links',
  title: 'linkinator 7.6.1 crawl from /: no broken link, every page and sitemap URL reached',
  async run({site, origin, log}) {
    const fromHome = await crawl(origin, ['/'], true);
    const unlinked = site.pages.filter((p) => p.kind === 'alias' || p.kind === '404').map((p) => p.path);
    const links = [...fromHome, ...(await crawl(origin, unlinked, false))];

    const failures = links
      .filter((l) => l.state === LinkState.BROKEN)
      .map((l) => `broken ${l.url} (${l.status ?? l.failureDetails?.[0]?.message ?? 'no answer'}) on ${l.parent ?? 'start'}`);
    const reached = new Set(fromHome.filter((l) => l.state === LinkState.OK).map((l) => new URL(l.url).pathname));
    const pages = site.pages.filter((p) => !['alias', '404'].includes(p.kind));
    for (const p of pages) {
      if (!reached.has(p.path)) failures.push(`page ${p.path} is not reachable from /`);
      if (!site.sitemap.includes(p.path)) failures.push(`page ${p.path} is missing from the sitemap`);
    }
    for (const path of site.sitemap) {
      if (!reached.has(path)) failures.push(`sitemap URL ${site.baseURL}${path.slice(1)} is not reachable from /`);
      if (!pages.some((p) => p.path === path)) failures.push(`sitemap URL ${path} is not a canonical page`);
    }

    const count = (state) => links.filter((l) => l.state === state).length;
    const skipped = {};
    for (const l of links.filter((l) => l.state === LinkState.SKIPPED)) {
      const k = /^(mailto|tel):/.exec(l.url)?.[1] ?? (l.url.startsWith(site.baseURL) ? 'production URL' : 'external');
      skipped[k] = (skipped[k] || 0) + 1;
    }
    const summary = `${links.length} links: ${count(LinkState.OK)} ok, ${count(LinkState.BROKEN)} broken, ${count(LinkState.SKIPPED)} not fetched offline`;
    log(`${summary} (${Object.entries(skipped).map(([k, n]) => `${n} ${k}`).join(', ')})`);
    log(`${reached.size} URLs reached from /: all ${pages.length} pages and ${site.sitemap.length} sitemap URLs expected`);
    return {failures, summary};
  },
};
