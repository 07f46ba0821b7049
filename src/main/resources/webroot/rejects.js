'use strict';
// The rows of one dropped file that were not sent, and why: what its result file on the FTP site says.
Herald.page({ title: 'Rejected rows' }, async main => {
  const { el } = Herald;
  const PAGE_SIZE = 50;
  const id = Number(Herald.param('file'));
  const state = { page: 1 };
  const view = el('div', { id: 'rejects', 'aria-live': 'polite' });
  main.append(el('p', {}, el('a', { href: 'drops.html' }, '← Drop & Go Summary')), view);

  async function load() {
    let r;
    try {
      r = await Herald.get('/api/v1/reports/drops/' + id + '/rejects?page=' + state.page + '&pageSize=' + PAGE_SIZE);
    } catch (e) {
      view.replaceChildren(Herald.errorBox(e));
      return;
    }
    document.querySelector('h1').textContent = 'Rejected rows of ' + r.name;
    view.replaceChildren(
      el('p', { id: 'reject-counts' }, r.rows + ' rows: ' + r.accepted + ' accepted, ' + r.rejected + ' rejected'
        + (r.reason ? ' · ' + r.reason : '') + '.'),
      el('div', { class: 'actions' }, el('a', { id: 'rejects-csv', href: Herald.withAccount('/api/v1/reports/drops/' + id + '/rejects.csv'),
        download: 'rejected-rows-' + id + '.csv' }, 'Download rejected rows (CSV)')),
      Herald.table([
        { label: 'Row', value: x => String(x.row) }, { label: 'Column', value: x => x.column || '' },
        { label: 'Value', value: x => x.value ?? '' }, { label: 'Reason', value: x => x.reason || '' },
      ], r.rejects, state.page > 1 ? 'No more rows.' : 'No row of this file was rejected.'),
      el('div', { class: 'pager' },
        el('button', { type: 'button', id: 'previous', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, 'Previous'),
        el('span', { id: 'page' }, 'Page ' + state.page),
        el('button', { type: 'button', id: 'next', disabled: r.rejects.length < PAGE_SIZE, onclick: () => { state.page++; load(); } }, 'Next')));
  }
  await load();
});
