// Issue 7 item 5: what a search result or a shared link shows. Every page
// has a title, a meta description within 160 characters, a canonical link,
// Open Graph and Twitter card tags and no vague link text; titles are unique
// across the site and descriptions across the indexable pages; no hreflang
// anywhere (the site has no translations). The home, category and location
// pages name their Atom feed, which is a file of the site, beside the list's
// first page.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {all, byTag, chars, links, meta, parse, text} from '../lib/html.mjs';

// Link texts that say nothing out of context: Lighthouse 12's English list
// (which matches "start") and their German counterparts.
const vague = new Set(['click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info', 'more information', 'right here', 'read more', 'see more', 'start', 'this', 'hier', 'hier klicken', 'klicken sie hier', 'mehr', 'mehr erfahren', 'mehr lesen', 'weiter', 'weiterlesen', 'details', 'link', 'los']);

const required = ['og:type', 'og:title', 'og:description', 'og:url', 'og:site_name', 'og:locale', 'twitter:card', 'twitter:title', 'twitter:description'];

function pageProblems(page, site, target) {
  const doc = parse(page.html);
  const out = [];
  const one = (what, values) => {
    if (values.length !== 1) out.push(`${values.length} × ${what}, want exactly 1`);
    return values[0] ?? '';
  };
  const title = text(byTag(doc, 'title')[0] ?? doc);
  one('<title>', byTag(doc, 'title'));
  if (!title) out.push('empty <title>');
  const description = one('meta description', meta(doc, 'description'));
  if (!description.trim()) out.push('empty meta description');
  if (chars(description) > 160) out.push(`meta description has ${chars(description)} characters, limit 160`);
  if (!byTag(doc, 'html')[0]?.attribs.lang) out.push('<html> has no lang');
  const canonical = one('canonical link', links(doc, 'canonical'));
  const want = site.baseURL + (page.kind === 'alias' ? target(page.path) : page.path).slice(1);
  if (canonical !== want) out.push(`canonical ${canonical}, want ${want}`);
  for (const key of required) {
    const v = one(key, meta(doc, key));
    if (!v.trim()) out.push(`empty ${key}`);
  }
  if (meta(doc, 'og:url')[0] !== canonical) out.push('og:url is not the canonical URL');
  if (meta(doc, 'og:description')[0] !== description) out.push('og:description differs from the meta description');
  if (meta(doc, 'twitter:description')[0] !== description) out.push('twitter:description differs from the meta description');
  if (!['summary', 'summary_large_image'].includes(meta(doc, 'twitter:card')[0])) out.push('twitter:card is not summary or summary_large_image');
  const image = meta(doc, 'og:image')[0];
  if (image !== undefined && !/^https:\/\//.test(image)) out.push(`og:image ${image} is not an absolute https URL`);
  const hreflang = all(doc, (e) => 'hreflang' in (e.attribs || {}));
  if (hreflang.length) out.push(`${hreflang.length} hreflang attribute(s), but the site has no translations`);
  for (const a of byTag(doc, 'a')) if (vague.has(text(a).toLowerCase())) out.push(`vague link text "${text(a)}" (${a.attribs.href})`);
  const feeds = byTag(doc, 'link').filter((e) => (e.attribs.rel || '').split(/\s+/).includes('alternate') && e.attribs.type === 'application/atom+xml');
  // A list's feed is beside its first page: /it/feed.xml serves /it/seite/2/
  // too; a location's serves its categories' pages there, which name none.
  const listPath = page.path.replace(/(seite|page)\/\d+\/$/, '');
  const cityPage = page.kind === 'location' && listPath.split('/').length === 4;
  const wantFeed = page.kind === 'home' || page.kind === 'category' || cityPage ? site.baseURL + listPath.slice(1) + 'feed.xml' : undefined;
  if (wantFeed && feeds.length !== 1) out.push(`${feeds.length} Atom feed links, want 1 (${wantFeed})`);
  if (!wantFeed && page.kind === 'role' && feeds.length) out.push(`a role page names ${feeds.length} Atom feed(s)`);
  for (const f of feeds) {
    const href = f.attribs.href ?? '';
    if (wantFeed && href !== wantFeed) out.push(`Atom feed link ${href}, want ${wantFeed}`);
    if (!(f.attribs.title || '').trim()) out.push(`Atom feed link ${href} has no title`);
    const file = href.startsWith(site.baseURL) ? join(site.root, href.slice(site.baseURL.length)) : '';
    if (!file || !existsSync(file)) out.push(`Atom feed link ${href} names no file of the site`);
    else if (!/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(readFileSync(file, 'utf8'))) out.push(`${href} is no Atom feed`);
  }
  const noindex = meta(doc, 'robots').some((v) => /noindex/i.test(v));
  if (noindex !== (page.kind === 'alias' || page.kind === '404')) out.push(noindex ? 'noindex on an indexable page' : 'alias or 404 page without noindex');
  return {out, title, description, noindex};
}

function duplicates(pages, key) {
  const seen = new Map();
  for (const p of pages) seen.set(p[key], [...(seen.get(p[key]) || []), p.path]);
  return [...seen].filter(([, paths]) => paths.length > 1);
}

export default {
  name: 'snippets',
  title: 'meta description, Open Graph, Twitter, unique titles, link texts, no hreflang, Atom feed links',
  async run({site, log}) {
    const redirects = new Map(
      readFileSync(join(site.root, '_redirects'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => l.trim().split(/\s+/)),
    );
    const target = (path) => redirects.get(path);
    const failures = [];
    const seen = [];
    for (const page of site.pages) {
      const r = pageProblems(page, site, target);
      failures.push(...r.out.map((m) => `${page.path}: ${m}`));
      seen.push({path: page.path, title: r.title, description: r.description, noindex: r.noindex});
    }
    for (const [title, paths] of duplicates(seen, 'title')) failures.push(`title "${title}" on ${paths.join(', ')}`);
    for (const [d, paths] of duplicates(seen.filter((p) => !p.noindex), 'description')) failures.push(`meta description "${d}" on ${paths.join(', ')}`);
    if (/hreflang|xhtml:link/.test(readFileSync(join(site.root, 'sitemap.xml'), 'utf8'))) failures.push('sitemap.xml has hreflang alternates, but the site has no translations');
    const longest = Math.max(...seen.map((p) => chars(p.description)));
    log(`${seen.length} pages, ${new Set(seen.map((p) => p.title)).size} distinct titles, longest description ${longest} characters`);
    return {failures, summary: `${seen.length} pages`};
  },
};
