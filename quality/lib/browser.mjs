// One headless Debian Chromium for the whole suite, started with a fresh
// profile and no background traffic; Lighthouse connects by port, pa11y and
// the screenshot test through puppeteer-core.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';

export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'rolesite-chromium-'));
  const proc = spawn(chromiumPath, [...chromiumFlags, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((ok) => proc.once('exit', ok));
  const wsEndpoint = await new Promise((ok, fail) => {
    let log = '';
    const done = (f, v) => {
      clearTimeout(timer);
      proc.stderr.removeAllListeners('data').resume();
      f(v);
    };
    const timer = setTimeout(() => done(fail, new Error(`chromium did not start within 30 s:\n${log}`)), 30_000);
    proc.once('error', (e) => done(fail, new Error(`cannot start ${chromiumPath}: ${e.message}`)));
    proc.once('exit', (code) => done(fail, new Error(`chromium exited with ${code}:\n${log}`)));
    proc.stderr.on('data', (d) => {
      log += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (m) done(ok, m[1]);
    });
  });
  const browser = await puppeteer.connect({browserWSEndpoint: wsEndpoint, defaultViewport: null});
  return {
    browser,
    port: Number(new URL(wsEndpoint).port),
    version: await browser.version(),
    async close() {
      await browser.close().catch(() => proc.kill('SIGKILL'));
      await exited;
      rmSync(profile, {recursive: true, force: true});
    },
  };
}
