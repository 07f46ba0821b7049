'use strict';
// Shared by the Sent Log and the Drop & Go Summary: a report route with date filters, paging and
// the whole range as CSV. columns are {label, value(row)}; params are extra filters from the URL.
const ReportPage = (() => {
  const PAGE_SIZE = 50;

  async function build(main, { route, columns, empty, params }) {
    const { el } = Herald;
    const from = el('input', { id: 'from', type: 'date', value: Herald.param('from') });
    const to = el('input', { id: 'to', type: 'date', value: Herald.param('to') });
    const view = el('div', { id: 'report', 'aria-live': 'polite' });
    const state = { page: 1 };
    const filters = el('form', { class: 'inline card', id: 'filters' },
      Herald.field('From (' + Herald.zoneName() + ')', from), Herald.field('To (included)', to),
      el('button', { type: 'submit', class: 'primary' }, 'Show'));
    filters.addEventListener('submit', e => { e.preventDefault(); state.page = 1; load(); });
    main.append(filters, view);

    function query(paged) {
      const p = new URLSearchParams(paged ? { page: state.page, pageSize: PAGE_SIZE } : {});
      if (from.value) p.set('from', from.value);
      if (to.value) p.set('to', to.value);
      for (const name of params || []) if (Herald.param(name)) p.set(name, Herald.param(name));
      return p;
    }

    async function load() {
      let rows;
      try {
        const r = await Herald.get(route + '?' + query(true));
        rows = r.drops || r.messages;
      } catch (e) {
        view.replaceChildren(Herald.errorBox(e));
        return;
      }
      view.replaceChildren(
        el('div', { class: 'actions' }, el('a', { id: 'csv', href: Herald.withAccount(route + '.csv?' + query(false)), download: '' }, 'Download CSV (whole period)')),
        Herald.table(columns, rows, state.page > 1 ? 'No more lines.' : empty),
        el('div', { class: 'pager' },
          el('button', { type: 'button', id: 'previous', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, 'Previous'),
          el('span', { id: 'page' }, 'Page ' + state.page),
          el('button', { type: 'button', id: 'next', disabled: rows.length < PAGE_SIZE, onclick: () => { state.page++; load(); } }, 'Next')));
    }
    await load();
  }
  return { build };
})();
