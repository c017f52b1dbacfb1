// Opens the dashboard in Debian's chromium through a TCP proxy it controls, checks what a trader sees, then cuts the
// network to check the page says so and reconnects with backoff; prints one JSON summary line, exits 0 only if all held.
//
// usage: node dashboard-check.mjs --url http://127.0.0.1:PORT --chains N --screenshot FILE [--timeout-ms MS]
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const target = new URL(args.url);
const chains = Number(args.chains || 1);
const timeout = Number(args['timeout-ms'] || 120_000);
const summary = { ok: false, failures: [], consoleErrors: [], pageErrors: [], chartPoints: null, tableRows: null, reconnect: null, screenshot: args.screenshot };

let exitCode = 1;
function finish(code) {
  summary.ok = code === 0 && summary.failures.length === 0;
  console.log(JSON.stringify(summary));
  exitCode = summary.ok ? 0 : code || 1;
}

if (!existsSync(CHROMIUM)) {
  summary.failures.push('chromium is not installed at ' + CHROMIUM + ' (apt-get install chromium)');
  finish(2);
  process.exit(exitCode);
}

/** A proxy to the engine that can drop every connection and refuse new ones, noting what each refused one asked for. */
function proxy() {
  const sockets = new Set();
  const state = { refusing: false, refused: [] };
  const server = net.createServer(client => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    client.once('data', first => {
      if (state.refusing) {
        state.refused.push({ at: Date.now(), line: first.toString('latin1').split('\r\n', 1)[0] });
        client.destroy();
        return;
      }
      const upstream = net.connect(Number(target.port), target.hostname, () => { upstream.write(first); client.pipe(upstream); upstream.pipe(client); });
      sockets.add(upstream);
      upstream.on('close', () => { sockets.delete(upstream); client.destroy(); });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({
    url: 'http://127.0.0.1:' + server.address().port + '/',
    cut() { state.refusing = true; state.refused = []; sockets.forEach(s => s.destroy()); },
    refused: () => state.refused,
    restore() { state.refusing = false; },
    close() { sockets.forEach(s => s.destroy()); server.close(); },
  })));
}

/** Resolves once {@code condition} holds, checked every 100 ms, or after {@code ms}. */
const until = (condition, ms) => new Promise(resolve => {
  const end = Date.now() + ms;
  const check = setInterval(() => { if (condition() || Date.now() > end) { clearInterval(check); resolve(); } }, 100);
});

/**
 * Whether retries at {@code times} back off: the last gap at least 2.5 times the first. Not each gap against the one
 * before: the page adds ±20 % jitter, and chromium's own handling of a failed connection adds up to a second or so.
 */
const growing = times => times.length >= 5 && (times.at(-1) - times.at(-2)) >= 2.5 * (times[1] - times[0]);

const profile = mkdtempSync(join(tmpdir(), 'flashbank-chromium-'));
let browser;
let front;
try {
  front = await proxy();
  // playwright passes the fresh profile directory as --user-data-dir itself (it refuses the flag in args)
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, viewport: { width: 1600, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const page = browser.pages()[0] || await browser.newPage();
  let cutting = false;
  page.on('console', m => { if (m.type() === 'error' && !cutting) summary.consoleErrors.push(m.text()); });
  page.on('pageerror', e => summary.pageErrors.push(String(e)));
  await page.goto(front.url, { waitUntil: 'load', timeout: 30_000 });

  // Everything a trader needs, filled in and legible: every chart has points, every table rows, every amount in its
  // token's decimals (no pending "…" and no raw units), a base fee per chain, no banner.
  const look = expectedChains => {
    const rowCount = id => document.querySelectorAll('#' + id + ' tbody tr:not(.empty):not(.more)').length;
    const points = window.flashbank ? window.flashbank.chartPoints() : {};
    const tables = { chains: rowCount('chains'), executable: rowCount('book-executable'), notExecutable: rowCount('book-other'),
      executions: rowCount('executions'), providers: rowCount('providers'), log: document.querySelectorAll('#log .row').length };
    const pending = [...document.querySelectorAll('td .muted')].filter(m => m.textContent === '…').length
      + [...document.querySelectorAll('td .unit')].filter(u => u.textContent === 'raw units').length;
    const fees = [...document.querySelectorAll('#chains tbody td:nth-child(7)')].filter(td => /\bg?wei\b/.test(td.textContent)).length;
    const banner = !document.getElementById('banner').hidden;
    // enough history for a chart to read as a line: 20 windows, two mined executions on the profit chart
    const ready = Object.values(points).length === 4 && points.windows >= 40 && points.scan >= 20 && points.profit >= 2 && points.executions >= 8
      && tables.chains === expectedChains && fees === expectedChains && tables.executable > 0 && tables.notExecutable > 0
      && tables.executions > 0 && tables.providers > 0 && tables.log > 0 && pending === 0 && !banner;
    return { ready, points, tables, pending, fees, banner };
  };
  await page.waitForFunction(`(${look})(${chains}).ready`, null, { polling: 250, timeout }).catch(() => {});
  const seen = await page.evaluate(look, chains);
  summary.chartPoints = seen.points;
  summary.tableRows = seen.tables;
  if (!seen.ready) summary.failures.push('the dashboard did not fill within ' + timeout + ' ms: ' + JSON.stringify(seen));
  await page.screenshot({ path: args.screenshot, fullPage: true });

  // The network goes away: the page must say so, retry each stream with growing delays, and recover once it is back.
  cutting = true;
  front.cut();
  const banner = await page.waitForFunction(() => !document.getElementById('banner').hidden
    && /feed/.test(document.getElementById('banner').textContent) && /events/.test(document.getElementById('banner').textContent), null, { timeout: 10_000 })
    .then(() => true, () => false);
  const bannerText = await page.textContent('#banner');
  // the outage lasts until each stream has been refused five times (or 40 s)
  const attempts = path => front.refused().filter(r => r.line.startsWith('GET ' + path + ' ')).map(r => r.at);
  await until(() => attempts('/ws/opportunities').length >= 5 && attempts('/events').length >= 5, 40_000);
  front.restore();
  const recovered = await page.waitForFunction(() => {
    const c = window.flashbank.connections();
    return c.feed && c.events && c.health && document.getElementById('banner').hidden;
  }, null, { timeout: 45_000 }).then(() => true, () => false);
  const feed = attempts('/ws/opportunities');
  const events = attempts('/events');
  summary.reconnect = { banner, bannerText, recovered, feedAttemptGapsMs: feed.slice(1).map((t, i) => t - feed[i]),
    eventsAttemptGapsMs: events.slice(1).map((t, i) => t - events[i]) };
  if (!banner) summary.failures.push('no disconnection banner naming feed and events after the network was cut: ' + bannerText);
  if (!growing(feed)) summary.failures.push('WebSocket retries did not back off: gaps ' + summary.reconnect.feedAttemptGapsMs);
  if (!growing(events)) summary.failures.push('SSE retries did not back off: gaps ' + summary.reconnect.eventsAttemptGapsMs);
  if (!recovered) summary.failures.push('the page did not reconnect every stream after the network came back');
  if (summary.consoleErrors.length) summary.failures.push(summary.consoleErrors.length + ' console errors before the cut');
  if (summary.pageErrors.length) summary.failures.push(summary.pageErrors.length + ' page errors');
  await browser.close();
  browser = null;
  finish(0);
} catch (e) {
  summary.failures.push('the check itself failed: ' + (e && e.stack || e));
  finish(1);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (front) front.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
