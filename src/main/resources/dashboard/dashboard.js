// The console's behaviour: feeds in (WebSocket book, SSE events, /health, fees, tokens, LPs), tables and charts out.
'use strict';

const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const short = a => a ? a.slice(0, 6) + '…' + a.slice(-4) : '';
const clock = t => new Date(t).toLocaleTimeString('en-GB', { hour12: false });
const OUTCOMES = ['mined', 'reverted', 'skipped', 'timed_out'];
const MAX_POINTS = 900;

// ---------- amounts in each token's own decimals ----------

/** chainId:address → {symbol, decimals} once read from the chain, or {failed: reason}. */
const tokens = new Map();
const tokenWanted = new Map();
let tokenTimer = null;

function tokenKey(chainId, address) { return chainId + ':' + String(address).toLowerCase(); }

function token(chainId, address) {
  const t = tokens.get(tokenKey(chainId, address));
  if (!t) wantToken(chainId, address);
  return t;
}

function wantToken(chainId, address) {
  const key = tokenKey(chainId, address);
  if (tokenWanted.has(key)) return;
  tokenWanted.set(key, { chainId, address: String(address).toLowerCase(), asked: false });
  tokenTimer = tokenTimer || setTimeout(fetchWantedTokens, 50);
}

async function fetchWantedTokens() {
  tokenTimer = null;
  const byChain = new Map();
  for (const w of tokenWanted.values()) {
    if (w.asked) continue;
    w.asked = true;
    if (!byChain.has(w.chainId)) byChain.set(w.chainId, []);
    byChain.get(w.chainId).push(w.address);
  }
  for (const [chainId, addresses] of byChain) {
    for (let i = 0; i < addresses.length; i += 50) {
      const q = addresses.slice(i, i + 50).map(a => 'address=' + a).join('&');
      await loadTokens('/api/v1/tokens?chainId=' + chainId + '&' + q, addresses.slice(i, i + 50).map(a => tokenKey(chainId, a)));
    }
  }
}

async function loadTokens(url, keys = []) {
  try {
    const body = await getJson(url);
    for (const t of body.tokens) tokens.set(tokenKey(t.chainId, t.address), { symbol: t.symbol, decimals: t.decimals });
    for (const u of body.unavailable) {
      const key = tokenKey(u.chainId, u.address);
      if (u.error === 'not_a_token') tokens.set(key, { failed: u.message });
      else tokenWanted.delete(key); // the chain did not answer: ask again later
    }
  } catch (e) {
    keys.forEach(k => tokenWanted.delete(k));
  }
  render();
}

/** A decimal string of {@code raw} smallest units in {@code decimals}: six fraction digits, more for tiny values. */
function units(raw, decimals, fraction = 6) {
  let v = BigInt(raw);
  const neg = v < 0n;
  if (neg) v = -v;
  const base = 10n ** BigInt(decimals);
  const whole = v / base;
  let frac = decimals > 0 ? (v % base).toString().padStart(decimals, '0') : '';
  let digits = Math.min(fraction, decimals);
  if (whole === 0n && v > 0n) {
    const lead = frac.search(/[1-9]/);
    digits = Math.max(digits, Math.min(decimals, lead + 3));
  }
  frac = frac.slice(0, digits);
  return (neg ? '-' : '') + whole.toLocaleString('en-US') + (frac ? '.' + frac : '');
}

/** An amount cell's HTML: the value in the token's decimals and its symbol. */
function amount(raw, chainId, address) {
  if (raw === null || raw === undefined) return '';
  const t = token(chainId, address);
  if (!t) return '<span class="muted">…</span>';
  if (t.failed) return esc(raw) + ' <span class="unit" title="' + esc(t.failed) + '">raw units</span>';
  return units(raw, t.decimals) + ' <span class="unit">' + esc(t.symbol || short(address)) + '</span>';
}

function symbol(chainId, address) {
  const t = token(chainId, address);
  return t && t.symbol ? t.symbol : short(address);
}

/** A base fee in gwei, or in wei below 0.01 gwei (devnets) so it never reads as 0.000000008. */
function baseFee(wei) {
  if (wei === undefined) return '—';
  return BigInt(wei) < 10_000_000n ? BigInt(wei).toLocaleString('en-US') + ' <span class="unit">wei</span>'
    : units(wei, 9, 3) + ' <span class="unit">gwei</span>';
}

/** A reason's HTML with its long integers (amounts of the execution's token, in smallest units) in that token's decimals. */
function reasonHtml(text, chainId, address) {
  if (!text) return '';
  const t = token(chainId, address);
  const pretty = esc(text).replace(/-?\b\d{7,}\b/g, n => (t && !t.failed ? units(n, t.decimals) + ' ' + esc(t.symbol || '') : n));
  return '<span class="clamp" title="' + esc(text) + '">' + pretty + '</span>';
}

function signClass(raw) { const v = BigInt(raw || 0); return v > 0n ? 'pos' : v < 0n ? 'neg' : ''; }

// ---------- charts ----------

const AXIS = { stroke: '#7d8899', grid: { stroke: '#263040', width: 1 }, ticks: { stroke: '#263040' } };
// one line of wall-clock time per tick: uPlot's default two-line date labels ran into each other on narrow panels
const TIME_AXIS = { ...AXIS, space: 70, values: (u, ticks) => ticks.map(t => clock(t * 1000)) };

/** One uPlot time chart whose series can be added while it runs; points are pushed as they arrive. */
class TimeChart {
  constructor(el, series, scales = {}, axes = null) {
    this.el = el;
    this.x = [];
    this.ys = series.map(() => []);
    this.plot = new uPlot({
      width: Math.max(300, el.clientWidth), height: 170,
      series: [{}, ...series.map(s => ({ spanGaps: true, width: 1.6, points: { show: false }, ...s }))],
      scales: { x: { time: true }, ...scales },
      axes: axes || [TIME_AXIS, { ...AXIS, size: 60 }],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
    }, [this.x, ...this.ys], el);
    new ResizeObserver(() => this.plot.setSize({ width: Math.max(300, el.clientWidth), height: 170 })).observe(el);
  }

  addSeries(s) {
    this.ys.push(this.x.map(() => null));
    this.plot.addSeries({ spanGaps: true, width: 1.6, points: { show: false }, ...s }, this.ys.length);
    return this.ys.length - 1;
  }

  push(t, values) {
    this.x.push(t);
    this.ys.forEach((y, i) => y.push(values[i] ?? null));
    if (this.x.length > MAX_POINTS) { this.x.shift(); this.ys.forEach(y => y.shift()); }
    this.plot.setData([this.x, ...this.ys]);
  }

  last(i) { const y = this.ys[i]; return y.length ? y[y.length - 1] : null; }

  points() { return this.ys.reduce((n, y) => n + y.filter(v => v !== null).length, 0); }
}

const COLORS = ['#3fb950', '#58a6ff', '#d29922', '#bc8cff', '#f0883e', '#39c5cf'];
const charts = {};

function makeCharts() {
  charts.profit = new TimeChart($('chart-profit'), []);
  charts.profitSeries = new Map();
  charts.windows = new TimeChart($('chart-windows'),
    [{ label: 'candidates', stroke: '#58a6ff', scale: 'n' }, { label: 'opportunities', stroke: '#d29922', scale: 'o' }],
    { n: { auto: true }, o: { auto: true, range: (u, min, max) => [0, Math.max(1, max)] } },
    [TIME_AXIS, { ...AXIS, scale: 'n', size: 60 }, { ...AXIS, scale: 'o', side: 1, size: 40, grid: { show: false } }]);
  charts.scan = new TimeChart($('chart-scan'), [{ label: 'scan ms', stroke: '#bc8cff' }]);
  charts.executions = new TimeChart($('chart-executions'), OUTCOMES.map((o, i) =>
    ({ label: o.replace('_', ' '), stroke: ['#3fb950', '#f85149', '#d29922', '#f0883e'][i], paths: uPlot.paths.stepped({ align: 1 }) })));
}

function chartProfit(x) {
  const t = token(x.chainId, x.token);
  if (!t || t.failed) { if (!t) setTimeout(() => chartProfit(x), 500); return; }
  const key = tokenKey(x.chainId, x.token);
  if (!charts.profitSeries.has(key)) {
    const i = charts.profit.addSeries({ label: (t.symbol || short(x.token)) + ' @' + x.chainId,
      stroke: COLORS[charts.profitSeries.size % COLORS.length], paths: uPlot.paths.stepped({ align: 1 }) });
    charts.profitSeries.set(key, i);
  }
  const values = charts.profit.ys.map((y, i) => charts.profit.last(i));
  const i = charts.profitSeries.get(key);
  values[i] = (values[i] || 0) + Number(BigInt(x.realizedProfit)) / 10 ** t.decimals;
  charts.profit.push(Date.now() / 1000, values);
}

const outcomeCounts = Object.fromEntries(OUTCOMES.map(o => [o, 0]));

function chartExecution(x) {
  if (x.status in outcomeCounts) outcomeCounts[x.status]++;
  charts.executions.push(Date.now() / 1000, OUTCOMES.map(o => outcomeCounts[o]));
}

// ---------- state from the feeds ----------

const chains = new Map();          // chainId → health row + {seenAt, baseFee}
const routes = new Map();          // opportunity id → opportunity (for executions' routes)
const executions = [];
let book = { version: null, opportunities: [] };
let health = null;
let providers = [];

function remember(o) {
  routes.delete(o.id);
  routes.set(o.id, o);
  if (routes.size > 5000) routes.delete(routes.keys().next().value);
}

function routeText(o) {
  if (!o || !o.route.length) return '';
  const cross = o.kind === 'crossChain';
  const names = o.route.map(h => symbol(h.chainId, h.tokenIn) + (cross ? '<span class="unit">@' + h.chainId + '</span>' : ''));
  const lastHop = o.route[o.route.length - 1];
  names.push(symbol(lastHop.chainId, lastHop.tokenOut) + (cross ? '<span class="unit">@' + lastHop.chainId + '</span>' : ''));
  return '<span title="' + esc(o.route.map(h => 'pool ' + h.pool + ' on ' + h.chainId).join('\n')) + '">' + names.join(' → ') + '</span>';
}

function baseChain(o) { return o.route.length ? o.route[0].chainId : o.chains[0]; }

// ---------- connections, with exponential backoff ----------

const conns = { feed: { up: false, attempt: 0, retryAt: 0 }, events: { up: false, attempt: 0, retryAt: 0 }, health: { up: false, attempt: 0, retryAt: 0 } };
let lastData = null;

function backoff(attempt) { return Math.min(30_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4); }

function setConn(name, up, detail) {
  const c = conns[name];
  const was = c.up;
  c.up = up;
  if (up) { c.attempt = 0; c.retryAt = 0; lastData = Date.now(); }
  if (was && !up) log({ type: 'disconnected', level: 'error', text: name + ' connection lost' + (detail ? ': ' + detail : '') });
  if (!was && up && c.everUp) log({ type: 'connected', text: name + ' connection back' });
  c.everUp = c.everUp || up;
  renderConns();
}

function retry(name, connect) {
  const c = conns[name];
  const delay = backoff(c.attempt++);
  c.retryAt = Date.now() + delay;
  renderConns();
  setTimeout(connect, delay);
}

function connectFeed() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/opportunities');
  ws.onopen = () => setConn('feed', true);
  ws.onmessage = m => {
    lastData = Date.now();
    const body = JSON.parse(m.data);
    if (body.type !== 'opportunities') return;
    book = body;
    body.opportunities.forEach(remember);
    render();
  };
  ws.onclose = e => { setConn('feed', false, 'closed ' + e.code + (e.reason ? ' ' + e.reason : '')); retry('feed', connectFeed); };
}

function connectEvents() {
  const es = new EventSource('/events');
  const on = (type, f) => es.addEventListener(type, e => { lastData = Date.now(); f(JSON.parse(e.data)); });
  es.onopen = () => setConn('events', true);
  es.addEventListener('error', e => {
    if (e.data) { const x = JSON.parse(e.data); log({ type: 'error', level: 'error', chain: x.chainId, text: (x.stage ? x.stage + ': ' : '') + (x.message || x.error) }); return; }
    es.close(); // EventSource's own retry has no backoff: reconnect ourselves
    setConn('events', false, 'stream ended');
    retry('events', connectEvents);
  });
  on('head', h => { const c = chains.get(h.chainId); if (c) { c.head = h.number; c.headHash = h.hash; c.ageBase = 0; c.ageAt = Date.now(); } });
  on('window', w => {
    const t = Date.parse(w.closedAt) / 1000;
    charts.windows.push(t, [w.candidatesScanned, w.opportunities]);
    charts.scan.push(t, [w.scanNanos / 1e6]);
  });
  on('execution', x => {
    x.seenAt = Date.now();
    executions.unshift(x);
    if (executions.length > 200) executions.pop();
    chartExecution(x);
    if (x.status === 'mined') chartProfit(x);
    const r = routes.get(x.opportunityId);
    log({ type: x.status, level: x.status === 'mined' ? 'info' : x.status === 'reverted' ? 'error' : 'warn', chain: x.chainId,
      html: (r ? routeText(r) + ' · ' : '') + (x.status === 'mined'
        ? 'profit ' + amount(x.realizedProfit, x.chainId, x.token) + ', gas ' + Number(x.gasUsed).toLocaleString('en-US')
        : reasonHtml(x.reason, x.chainId, x.token)) + (x.txHash ? ' · <span class="mono" title="' + esc(x.txHash) + '">' + short(x.txHash) + '</span>' : '') });
    if (x.status === 'mined') refreshProvidersSoon();
    render();
  });
  on('connected', c => log({ type: 'connected', chain: c.chainId, text: 'node connected at ' + c.url }));
  on('reorg', r => log({ type: 'reorg', level: 'warn', chain: r.chainId, text: 'reorg of depth ' + r.depth + ' back to block ' + r.ancestor + ', ' + r.poolsReread + ' pools re-read' }));
  on('snapshotProgress', s => log({ type: 'snapshot', chain: s.chainId, text: 'start-up snapshot: ' + s.read + ' of ' + s.total + ' pairs of factory ' + short(s.factory) }));
  on('snapshot', s => log({ type: 'snapshot', chain: s.chainId, text: 'snapshot at block ' + s.blockNumber + ': ' + s.pools + ' pools in ' + s.millis + ' ms' }));
  on('ledger', l => { if (l.rows > 0) { log({ type: 'ledger', chain: l.chainId, text: 'indexed blocks ' + l.fromBlock + '–' + l.toBlock + ': ' + l.loans + ' loans, ' + l.feeShares + ' fee shares' }); if (l.loans > 0) refreshProvidersSoon(); } });
  on('ledgerRollback', r => log({ type: 'reorg', level: 'warn', chain: r.chainId, text: 'ledger rolled back to block ' + r.ancestor + ', ' + r.rowsDeleted + ' rows deleted' }));
  on('transaction', t => log({ type: 'lp tx', level: t.status === 'success' ? 'info' : 'error', chain: t.chainId, html: 'LP transaction <span class="mono">' + short(t.hash) + '</span> ' + esc(t.status) }));
}

async function getJson(url, timeoutMs = 4000) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctl.signal });
    const body = await res.json();
    if (!res.ok && res.status !== 503) throw new Error(url + ': ' + res.status + ' ' + (body.message || ''));
    return body;
  } finally {
    clearTimeout(timer);
  }
}

async function pollHealth() {
  try {
    health = await getJson('/health');
    for (const c of health.chains) {
      const row = chains.get(c.chainId) || {};
      Object.assign(row, c, { ageBase: c.lagMillis, ageAt: Date.now() });
      chains.set(c.chainId, row);
    }
    setConn('health', true);
    const fees = await getJson('/api/v1/fees').catch(() => null);
    if (fees && fees.chains) for (const f of fees.chains) { const row = chains.get(f.chainId); if (row) row.baseFee = f.baseFeePerGas; }
  } catch (e) {
    setConn('health', false, e.message);
  }
  render();
  setTimeout(pollHealth, conns.health.up ? 2000 : backoff(conns.health.attempt++));
}

let providerTimer = null;
function refreshProvidersSoon() { providerTimer = providerTimer || setTimeout(refreshProviders, 1500); }

async function refreshProviders() {
  providerTimer = null;
  try {
    const loans = (await getJson('/api/v1/loans?limit=200')).loans || [];
    const seen = [...new Set(loans.flatMap(l => l.shares.map(s => s.provider)))].slice(0, 50);
    const rows = [];
    for (const p of seen) {
      const body = await getJson('/api/v1/providers/' + p);
      const byToken = new Map();
      for (const pos of body.positions || []) byToken.set(pos.chainId + ':' + pos.token, { provider: p, chainId: pos.chainId, token: pos.token, ...pos });
      for (const l of body.ledger || []) {
        const key = l.chainId + ':' + l.token;
        byToken.set(key, { provider: p, chainId: l.chainId, token: l.token, ...(byToken.get(key) || {}), feesEarned: l.feesEarned, withdrawn: l.withdrawn });
      }
      rows.push(...byToken.values());
    }
    rows.sort((a, b) => (BigInt(b.commitment || 0) > BigInt(a.commitment || 0) ? 1 : -1));
    providers = rows;
  } catch (e) {
    log({ type: 'lp', level: 'warn', text: 'LP table not refreshed: ' + e.message });
  }
  render();
}

// ---------- the event log ----------

const logRows = [];
function log(entry) {
  entry.time = Date.now();
  logRows.unshift(entry);
  if (logRows.length > 300) logRows.pop();
  renderLog();
}

function renderLog() {
  $('log').innerHTML = logRows.map(e => '<div class="row ' + (e.level || '') + '"><span class="time">' + clock(e.time) + '</span>'
    + '<span><span class="badge ' + esc(e.level === 'error' ? 'error' : e.level === 'warn' ? 'reorg' : 'info') + '">' + esc(e.type) + '</span></span>'
    + '<span class="chain">' + esc(e.chain ?? '') + '</span><span>' + (e.html ?? esc(e.text)) + '</span></div>').join('');
}

// ---------- rendering ----------

let renderQueued = false;
function render() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => { renderQueued = false; renderAll(); });
}

function rows(id, html, empty) {
  $(id).tBodies[0].innerHTML = html.length ? html.join('') : '<tr class="empty"><td colspan="' + $(id).tHead.rows[0].cells.length + '">' + empty + '</td></tr>';
}

function age(iso) {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return s < 60 ? s.toFixed(0) + ' s' : Math.floor(s / 60) + ' min';
}

function renderAll() {
  rows('chains', [...chains.values()].map(c => {
    const ageMs = c.ageBase < 0 ? null : c.ageBase + (Date.now() - c.ageAt);
    return '<tr><td>' + esc(c.name) + ' <span class="unit">' + c.chainId + '</span></td>'
      + '<td><span class="badge ' + esc(c.state) + '">' + esc(c.state) + '</span></td>'
      + '<td>' + (c.connected ? 'yes' : '<b class="neg">no</b>') + '</td>'
      + '<td class="num mono">' + (c.head >= 0 ? Number(c.head).toLocaleString('en-US') : '—') + '</td>'
      + '<td class="num">' + (ageMs === null ? '—' : (ageMs / 1000).toFixed(1) + ' s') + '</td>'
      + '<td class="num">' + c.pools + '</td>'
      + '<td class="num">' + baseFee(c.baseFee) + '</td>'
      + '<td class="reason">' + esc(c.lastError || '') + '</td></tr>';
  }), 'waiting for /health…');

  const all = book.opportunities;
  const executable = all.filter(o => o.kind !== 'crossChain');
  const other = all.filter(o => o.kind === 'crossChain');
  const bookRow = (o, i, cross) => {
    const c = baseChain(o);
    const blocks = Object.entries(o.blockNumbers).map(([k, v]) => cross ? k + ':' + v : v).join(' ');
    return '<tr><td>' + (i + 1) + '</td><td>' + esc(o.chains.join(' → ')) + '</td><td>' + routeText(o) + '</td>'
      + '<td class="num">' + amount(o.amountIn, c, o.baseToken) + '</td>'
      + '<td class="num">' + amount(o.expectedProfit, c, o.baseToken) + '</td>'
      + '<td class="num">' + amount(o.flashFee, c, o.baseToken) + '</td>'
      + '<td class="num">' + amount(o.gasCost, c, o.baseToken) + '</td>'
      + '<td class="num ' + signClass(o.netProfit) + '"><b>' + amount(o.netProfit, c, o.baseToken) + '</b></td>'
      + '<td class="num mono">' + esc(blocks) + '</td><td class="num">' + age(o.detectedAt) + '</td></tr>';
  };
  const capped = (list, n, cross) => list.slice(0, n).map((o, i) => bookRow(o, i, cross))
    .concat(list.length > n ? ['<tr class="more"><td colspan="10">+ ' + (list.length - n) + ' more below net profit '
      + amount(list[n - 1].netProfit, baseChain(list[n - 1]), list[n - 1].baseToken) + '</td></tr>'] : []);
  rows('book-executable', capped(executable, 12, false), book.version === null ? 'waiting for the book…' : 'no paying opportunity right now');
  rows('book-other', capped(other, 6, true), 'none right now');
  $('book-version').textContent = book.version === null ? '' : 'version ' + book.version + ' · ' + executable.length + ' executable, ' + other.length + ' not';

  rows('executions', executions.map(x => {
    const r = routes.get(x.opportunityId);
    const gasCost = BigInt(x.gasUsed || 0) * BigInt(x.effectiveGasPrice || 0);
    return '<tr><td>' + clock(x.seenAt) + '</td><td>' + x.chainId + '</td><td><span class="badge ' + esc(x.status) + '">' + esc(x.status.replace('_', ' ')) + '</span></td>'
      + '<td>' + (r ? routeText(r) : '<span class="mono" title="opportunity id">' + esc(x.opportunityId.slice(0, 10)) + '…</span>') + '</td>'
      + '<td class="num">' + amount(x.amountIn, x.chainId, x.token) + '</td>'
      + '<td class="num">' + amount(x.expectedProfit, x.chainId, x.token) + '</td>'
      + '<td class="num ' + signClass(x.realizedProfit) + '">' + (x.status === 'mined' ? amount(x.realizedProfit, x.chainId, x.token) : '—') + '</td>'
      + '<td class="num">' + (x.gasUsed ? Number(x.gasUsed).toLocaleString('en-US') : '—') + '</td>'
      + '<td class="num">' + (gasCost > 0n ? units(gasCost, 18) + ' <span class="unit">native</span>' : '—') + '</td>'
      + '<td class="mono">' + (x.txHash ? '<span title="' + esc(x.txHash) + '">' + short(x.txHash) + '</span>' : '—') + '</td>'
      + '<td class="reason">' + reasonHtml(x.reason, x.chainId, x.token) + '</td></tr>';
  }), 'no execution yet');
  const total = Object.values(outcomeCounts).reduce((a, b) => a + b, 0);
  $('executions-summary').textContent = 'since this page opened: ' + total + ' — '
    + OUTCOMES.map(o => outcomeCounts[o] + ' ' + o.replace('_', ' ')).join(', ') + (total > executions.length ? ' (latest ' + executions.length + ' listed)' : '');

  rows('providers', providers.map(p => '<tr><td class="mono" title="' + esc(p.provider) + '">' + short(p.provider) + '</td><td>' + p.chainId + '</td>'
    + '<td>' + esc(symbol(p.chainId, p.token)) + '</td>'
    + '<td class="num">' + amount(p.commitment, p.chainId, p.token) + '</td>'
    + '<td class="num">' + amount(p.availableNow, p.chainId, p.token) + '</td>'
    + '<td class="num pos">' + amount(p.feesEarned ?? '0', p.chainId, p.token) + '</td>'
    + '<td class="num">' + amount(p.withdrawn ?? '0', p.chainId, p.token) + '</td>'
    + '<td class="num">' + amount(p.withdrawableNow, p.chainId, p.token) + '</td></tr>'), 'no LP has been in a loan yet');

  if (health) {
    $('status').textContent = health.status;
    $('status').className = 'badge ' + health.status;
    const k = health.kernel || {};
    $('meta').textContent = 'kernel ' + k.name + ' on ' + k.device + ' · ledger ' + health.ledger
      + (health.ledgerOutbox ? ' (' + health.ledgerOutbox.pendingRecords + ' pending)' : '') + ' · up ' + uptime(health.uptimeSeconds);
  }
}

function uptime(s) { return s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s' : Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60) + ' min'; }

function renderConns() {
  for (const [name, c] of Object.entries(conns)) {
    const el = $('conn-' + name);
    el.className = 'conn ' + (c.up ? 'up' : 'down');
    const wait = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000)) : 0;
    el.querySelector('b').textContent = c.up ? 'live' : c.retryAt ? 'retry in ' + wait + ' s' : 'connecting';
  }
  const banner = $('banner');
  const lost = Object.entries(conns).filter(([, c]) => !c.up && c.everUp).map(([n]) => n);
  banner.hidden = lost.length === 0;
  if (lost.length) banner.textContent = 'Disconnected from the engine (' + lost.join(', ') + '): reconnecting with backoff. '
    + 'Figures below are as of ' + (lastData ? clock(lastData) : 'never') + '.';
}

// ---------- start ----------

makeCharts();
loadTokens('/api/v1/tokens');
connectFeed();
connectEvents();
pollHealth();
refreshProviders();
setInterval(() => { renderConns(); render(); }, 1000);
setInterval(refreshProviders, 15_000);

/** For the browser test and the curious: how many points each chart holds, and each stream's state. */
window.flashbank = {
  chartPoints: () => ({ profit: charts.profit.points(), windows: charts.windows.points(), scan: charts.scan.points(), executions: charts.executions.points() }),
  connections: () => Object.fromEntries(Object.entries(conns).map(([n, c]) => [n, c.up])),
};
