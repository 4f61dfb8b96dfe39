// A tiny static file server for the built site, the way a CDN serves it:
// /x/ answers /x/index.html, /x answers a redirect to /x/, and anything
// missing answers /404.html with status 404.
import {createServer} from 'node:http';
import {readFile, stat} from 'node:fs/promises';
import {extname, join, normalize, sep} from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function resolveFile(root, urlPath) {
  const rel = normalize(decodeURIComponent(urlPath));
  const file = join(root, rel);
  if (file !== root && !file.startsWith(root + sep)) return {status: 404};
  if (urlPath.endsWith('/')) {
    const index = join(file, 'index.html');
    return (await isFile(index)) ? {status: 200, file: index} : {status: 404};
  }
  if (await isFile(file)) return {status: 200, file};
  if (await isFile(join(file, 'index.html'))) return {status: 301, location: urlPath + '/'};
  return {status: 404};
}

// serve starts the server on 127.0.0.1 and a free port. It resolves to
// {origin, requests, close}; requests counts the answers by status.
export async function serve(root) {
  const requests = {};
  const server = createServer(async (req, res) => {
    let r;
    try {
      r = await resolveFile(root, new URL(req.url, 'http://x').pathname);
    } catch {
      r = {status: 400};
    }
    if (r.status === 404) r.file = join(root, '404.html');
    requests[r.status] = (requests[r.status] || 0) + 1;
    if (r.location) {
      res.writeHead(r.status, {location: r.location}).end();
      return;
    }
    const body = r.file ? await readFile(r.file).catch(() => null) : null;
    res.writeHead(r.status, {'content-type': types[extname(r.file || '')] || 'text/plain; charset=utf-8', 'cache-control': 'no-cache'});
    res.end(req.method === 'HEAD' ? undefined : body || String(r.status));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const {port} = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    }),
  };
}
