'use strict';
// Shared by the Sent Log and the Drop & Go Summary: a report route with filters, paging and CSV.
// Until that route exists on this server, the page lists jobs with their per-job reports instead.
const ReportPage = (() => {
  async function build(main, { route, kind, empty }) {
    const { el } = Herald;
    const from = el('input', { id: 'from', type: 'date' });
    const to = el('input', { id: 'to', type: 'date' });
    const q = el('input', { id: 'q', type: 'search' });
    const view = el('div', { id: 'report' });
    const state = { page: 1 };
    const filters = el('form', { class: 'inline card' }, Herald.field('From', from), Herald.field('To', to), Herald.field('Search', q),
      el('button', { type: 'submit', class: 'primary' }, 'Show'));
    filters.addEventListener('submit', e => { e.preventDefault(); state.page = 1; load(); });
    main.append(filters, view);

    function query() {
      const p = new URLSearchParams({ page: state.page, pageSize: 50 });
      if (from.value) p.set('from', from.value);
      if (to.value) p.set('to', to.value);
      if (q.value) p.set('q', q.value);
      return p;
    }

    async function load() {
      try {
        const r = await Herald.get(route + '?' + query());
        const rows = r.rows || r.messages || r.drops || r.items || [];
        const keys = rows.length ? Object.keys(rows[0]) : [];
        view.replaceChildren(el('div', { class: 'actions' }, el('a', { href: Herald.withAccount(route + '.csv?' + query()) }, 'Download CSV')),
          Herald.table(keys.map(k => ({ label: k, value: row => /At$|^at$|time/i.test(k) && row[k] ? Herald.time(row[k]) : String(row[k] ?? '') })), rows, empty),
          el('div', { class: 'pager' }, el('button', { type: 'button', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, 'Previous'),
            el('span', {}, 'Page ' + state.page), el('button', { type: 'button', disabled: rows.length < 50, onclick: () => { state.page++; load(); } }, 'Next')));
      } catch (e) {
        if (e.status !== 404) throw e;
        await fallback();
      }
    }

    /** The jobs this report would cover, each with its own CSV report. */
    async function fallback() {
      const { jobs } = await Herald.get('/api/v1/jobs?limit=200' + (kind ? '' : ''));
      const shown = jobs.filter(j => !kind || j.kind === kind).filter(j => {
        const day = (j.createdAt || '').slice(0, 10);
        return (!from.value || day >= from.value) && (!to.value || day <= to.value)
          && (!q.value || (j.name || '').toLowerCase().includes(q.value.toLowerCase()));
      });
      view.replaceChildren(el('p', { class: 'muted' }, 'Per-job reports:'), Herald.table([
        { label: 'Job', value: j => el('a', { href: 'job.html?id=' + j.id }, j.name || ('Job ' + j.id)) },
        { label: 'Status', value: j => Herald.statusBadge(j.status) },
        { label: 'Messages', value: j => String(j.total) },
        { label: 'Delivered', value: j => String(j.counts.delivered || 0) },
        { label: 'Failed', value: j => String((j.counts.failed || 0) + (j.counts.undeliverable || 0) + (j.counts.expired || 0)) },
        { label: 'Created', value: j => Herald.time(j.createdAt) },
        { label: 'Report', value: j => el('a', { href: Herald.withAccount('/api/v1/jobs/' + j.id + '/report.csv') }, 'CSV') },
      ], shown, empty));
    }
    await load();
  }
  return { build };
})();
