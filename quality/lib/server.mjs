// A tiny static file server for the built site, the way a CDN serves it:
// /x/ answers /x/index.html, /x answers a redirect to /x/, and anything
// missing answers /404.html with status 404. Where the build wrote a
// precompressed file beside the one asked for (build -precompress), it is
// served instead to a client that accepts its encoding, as nginx's
// brotli_static and gzip_static do: FILE.br, else FILE.gz, with
// Content-Encoding and Vary: Accept-Encoding.
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

// acceptedEncodings returns the content codings an Accept-Encoding header
// accepts (q > 0).
function acceptedEncodings(header) {
  const out = new Set();
  for (const part of (header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

// serve starts the server on 127.0.0.1 and a free port. It resolves to
// {origin, requests, encoded, close}; requests counts the answers by
// status, encoded the precompressed answers by encoding.
export async function serve(root) {
  const requests = {};
  const encoded = {};
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
    const headers = {'content-type': types[extname(r.file || '')] || 'text/plain; charset=utf-8', 'cache-control': 'no-cache'};
    let body = null;
    if (r.file) {
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!accepted.has(name) || !(await isFile(r.file + suffix))) continue;
        body = await readFile(r.file + suffix).catch(() => null);
        if (body) {
          headers['content-encoding'] = name;
          encoded[name] = (encoded[name] || 0) + 1;
          break;
        }
      }
      headers.vary = 'Accept-Encoding';
      body ??= await readFile(r.file).catch(() => null);
    }
    res.writeHead(r.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body || String(r.status));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const {port} = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    encoded,
    close: () => new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    }),
  };
}
