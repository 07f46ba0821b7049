'use strict';
// Dashboard: today's totals, messages per minute by state (refreshed every 5 s), queues, SMSC links.
const STATES = [
  ['queued', '#9aa5b8'], ['sending', '#f0b429'], ['submitted', '#4c8ee6'], ['delivered', '#17803d'],
  ['unknown', '#a15c00'], ['failed', '#b42318'], ['undeliverable', '#e0584c'], ['expired', '#8e5ea2'], ['skipped', '#c6ccd6'],
  ['cancelled', '#5b6475'],
];

Herald.page({ title: 'Dashboard' }, async main => {
  const { el } = Herald;
  const stats = el('div', { class: 'grid', id: 'today' });
  const chart = el('div', { class: 'card' });
  const queues = el('div', { class: 'card', id: 'queues' });
  const links = el('div', { class: 'card', id: 'links' });
  const problem = el('div', { 'aria-live': 'polite' });
  if (['admin', 'operator'].includes(Herald.me().role)) main.append(el('p', { style: 'text-align:right;margin:-.5rem 0 0' },
    el('a', { href: 'alerts.html', id: 'alerts-link' }, 'Mass Text Alerts')));
  main.append(problem, el('h2', {}, 'Today (' + Herald.zoneName() + ')'), stats,
    el('h2', {}, 'Messages per minute, last 30 minutes'), chart,
    el('div', { class: 'grid' }, queues, links));

  async function refresh() {
    try {
      const d = await Herald.get('/api/v1/dashboard');
      // unknown: sent, but no receipt came within the timeout; part of Sent, not of Delivered
      stats.replaceChildren(...[['Sent', 'sent', d.today.sent], ['Delivered', 'delivered', d.today.delivered],
        ['No receipt (unknown)', 'unknown', d.today.unknown], ['Failed', 'failed', d.today.failed], ['Waiting', 'waiting', d.today.waiting]]
        .map(([label, key, n]) => el('div', { class: 'card' }, el('div', { class: 'stat', 'data-stat': key }, (n || 0).toLocaleString('en')),
          el('div', { class: 'stat-label' }, label))));
      chart.replaceChildren(drawChart(d.perMinute), el('div', { class: 'legend' },
        STATES.map(([s, c]) => el('span', { style: '--c:' + c }, s))));
      const depth = d.systemQueueDepth || d.queueDepth;
      queues.replaceChildren(el('h2', {}, d.systemQueueDepth ? 'Queue depth by lane (all accounts)' : 'Queue depth by lane'),
        Herald.table([{ label: 'Lane', value: r => r[0] }, { label: 'Queued', value: r => r[1].toLocaleString('en') }], Object.entries(depth)));
      problem.replaceChildren();
    } catch (e) {
      problem.replaceChildren(Herald.errorBox(e));
    }
    try {
      let rows;
      if (Herald.me().role === 'operator') {
        rows = (await Herald.get('/api/v1/smsc')).connections.map(c => [c.name, c.state, c.lastError || '']);
      } else {
        const health = await fetch('/health').then(r => r.json());
        rows = Object.entries(health.smsc || {}).map(([name, state]) => [name, state.startsWith('bound') ? 'bound' : 'down', state]);
      }
      links.replaceChildren(el('h2', {}, 'SMSC connections'), Herald.table([
        { label: 'Connection', value: r => r[0] }, { label: 'State', value: r => Herald.statusBadge(r[1]) },
        { label: 'Detail', value: r => r[2] }], rows, 'No SMSC connections are configured.'));
    } catch (e) {
      links.replaceChildren(Herald.errorBox(e));
    }
  }

  /** Stacked bars, one per minute, by the state messages changed to. */
  function drawChart(points) {
    const ns = 'http://www.w3.org/2000/svg';
    const minutes = [];
    const now = new Date();
    now.setSeconds(0, 0);
    for (let i = 29; i >= 0; i--) minutes.push(new Date(now.getTime() - i * 60000).toISOString());
    const byMinute = new Map(minutes.map(m => [m.slice(0, 16), {}]));
    for (const p of points) {
      const slot = byMinute.get(p.minute.slice(0, 16));
      if (slot) slot[p.state] = (slot[p.state] || 0) + p.n;
    }
    const max = Math.max(1, ...[...byMinute.values()].map(s => Object.values(s).reduce((a, b) => a + b, 0)));
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'chart');
    svg.setAttribute('viewBox', '0 0 600 220');
    svg.setAttribute('preserveAspectRatio', 'xMinYMid meet');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Messages per minute by state; the busiest minute had ' + max);
    const add = (name, attrs, text) => {
      const n = document.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
      if (text) n.textContent = text;
      svg.append(n);
    };
    add('text', { x: 4, y: 14, 'font-size': 11, fill: '#5b6475' }, String(max));
    add('line', { x1: 40, y1: 200, x2: 600, y2: 200, stroke: '#d9dee7' });
    [...byMinute.entries()].forEach(([minute, counts], i) => {
      let y = 200;
      const x = 42 + i * 18.6;
      for (const [state, color] of STATES) {
        const h = (counts[state] || 0) / max * 185;
        if (h > 0) {
          add('rect', { x, y: y - h, width: 15, height: h, fill: color }, '');
          y -= h;
        }
      }
      if (i % 5 === 0) add('text', { x, y: 214, 'font-size': 10, fill: '#5b6475' }, Herald.time(minute + ':00Z').slice(-8, -3));
    });
    return svg;
  }

  await refresh();
  setInterval(refresh, 5000);
});
