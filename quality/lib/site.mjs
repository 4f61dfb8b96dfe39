// The built sample site as the checks see it: which pages exist, what kind
// each one is, and which URLs the sitemap promises.
import {spawnSync} from 'node:child_process';
import {readFileSync, readdirSync, existsSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const qualityRoot = join(repoRoot, 'quality');

// The representative pages that Lighthouse and the screenshot test look at.
export const samplePages = {
  home: '/',
  category: '/tech-development/',
  'further page': '/tech-development/seite/2/',
  location: '/standorte/hamburg/',
  'open role': '/tech-development/backend-entwickler/',
  'closed role': '/digital-marketing/webdesigner/',
};

// build runs the real build command on the real sample site, with the
// clock as build time (SOURCE_DATE_EPOCH unset), into public/.
export function build() {
  const env = {...process.env};
  delete env.SOURCE_DATE_EPOCH;
  const r = spawnSync('go', ['run', './cmd/build'], {cwd: repoRoot, env, stdio: 'inherit'});
  if (r.status !== 0) throw new Error(`go run ./cmd/build failed (${r.error || 'exit ' + r.status})`);
  return join(repoRoot, 'public');
}

function walk(dir) {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function xmlText(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function locs(xml) {
  return [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) => xmlText(m[1]));
}

// describe reads public/. Every page is {path, file, kind, html} with kind
// home, category (a category's first or further page), location, role,
// alias or 404; sitemap holds the URLs of every
// sitemap file (following a sitemap index) as site paths.
export function describe(root) {
  const robots = readFileSync(join(root, 'robots.txt'), 'utf8');
  const sitemapURL = /^Sitemap:\s*(\S+)\s*$/m.exec(robots)?.[1];
  if (!sitemapURL || !sitemapURL.endsWith('/sitemap.xml')) throw new Error('robots.txt names no /sitemap.xml');
  const baseURL = sitemapURL.slice(0, -'sitemap.xml'.length);

  const toPath = (url) => {
    if (!url.startsWith(baseURL)) throw new Error(`URL ${url} does not start with base_url ${baseURL}`);
    return '/' + url.slice(baseURL.length);
  };
  const sitemap = [];
  const pending = [sitemapURL];
  while (pending.length) {
    const xml = readFileSync(join(root, toPath(pending.shift())), 'utf8');
    if (/<sitemapindex[\s>]/.test(xml)) pending.push(...locs(xml));
    else sitemap.push(...locs(xml).map(toPath));
  }

  const redirects = existsSync(join(root, '_redirects')) ? readFileSync(join(root, '_redirects'), 'utf8') : '';
  const aliases = new Set(redirects.split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim().split(/\s+/)[0]));

  const pages = walk(root)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const rel = relative(root, file).split('\\').join('/');
      const path = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? '/' + rel.slice(0, -'index.html'.length) : '/' + rel;
      const html = readFileSync(file, 'utf8');
      // The page kind is the body's class (page-home, page-category,
      // page-location, page-role, page-404, page-alias); a layout that
      // drops it falls back to the path's shape.
      const depth = path.split('/').length - 2;
      const byClass = /<body class=["']?page-([a-z0-9]+)["' >]/.exec(html)?.[1]; // quoted or, minified, not
      const kind = aliases.has(path) ? 'alias' : byClass || (path === '/' ? 'home' : path === '/404.html' ? '404' : depth === 1 ? 'category' : 'role');
      return {path, file, kind, html};
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return {root, baseURL, sitemap, aliases: [...aliases], pages};
}
