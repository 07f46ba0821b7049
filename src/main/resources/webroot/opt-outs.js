'use strict';
// Opt-outs: who may not be texted or mailed, each one's history, adding, importing a list, lifting.
Herald.page({ title: 'Opt-outs' }, async main => {
  const { el } = Herald;
  const state = { q: '', page: 1 };
  const list = el('div', { id: 'opt-outs' });
  const history = el('div', { id: 'history' });
  const message = el('div', { 'aria-live': 'polite' });
  const q = el('input', { id: 'oo-search', type: 'search' });
  const search = el('form', { class: 'inline', role: 'search' }, Herald.field('Search', q), el('button', { type: 'submit' }, 'Search'));
  search.addEventListener('submit', e => { e.preventDefault(); state.q = q.value; state.page = 1; load(); });
  const address = el('input', { id: 'oo-address', required: true });
  const add = el('form', { class: 'inline card' }, Herald.field('Phone number or e-mail to opt out', address),
    el('button', { class: 'primary', type: 'submit' }, 'Opt out'));
  add.addEventListener('submit', async e => {
    e.preventDefault();
    // typed in by a person on this page: a manual opt-out, not an API call's
    try { await Herald.post('/api/v1/opt-outs', { address: address.value, source: 'manual' }); add.reset(); Herald.say(message, 'Opted out.', true); load(); } catch (err) { Herald.say(message, err); }
  });
  const pasted = el('textarea', { id: 'oo-import' });
  const imp = el('form', { class: 'stack card' }, Herald.field('Import: one phone number or e-mail per line', pasted),
    el('div', {}, el('button', { type: 'submit' }, 'Import list')));
  imp.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const r = await Herald.post('/api/v1/opt-outs/import', { text: pasted.value });
      Herald.say(message, r.optedOut + ' opted out, ' + r.alreadyOptedOut + ' already were, ' + (r.rejected || []).length + ' rejected.', true);
      load();
    } catch (err) { Herald.say(message, err); }
  });
  main.append(search, message, list, history, add, imp);

  async function load() {
    const params = new URLSearchParams({ page: state.page, pageSize: 25 });
    if (state.q) params.set('q', state.q);
    const r = await Herald.get('/api/v1/opt-outs?' + params);
    const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
    list.replaceChildren(Herald.table([
      { label: 'Address', value: o => o.address }, { label: 'Kind', value: o => o.kind },
      { label: 'Source', value: o => o.source }, { label: 'By', value: o => o.actor || '' },
      { label: 'Since', value: o => Herald.time(o.since) },
      { label: 'Actions', value: o => el('span', { class: 'actions' },
        el('button', { type: 'button', onclick: () => showHistory(o.address) }, 'History'),
        el('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm('Lift the opt-out of ' + o.address + '? Only do this with their consent.')) return;
          try { await Herald.del('/api/v1/opt-outs/' + encodeURIComponent(o.address)); Herald.say(message, 'Opt-out lifted.', true); load(); } catch (err) { Herald.say(message, err); }
        } }, 'Lift')) },
    ], r.optOuts, 'Nobody has opted out.'),
    el('div', { class: 'pager' }, el('button', { type: 'button', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, 'Previous'),
      el('span', {}, 'Page ' + state.page + ' of ' + pages),
      el('button', { type: 'button', disabled: state.page >= pages, onclick: () => { state.page++; load(); } }, 'Next')));
  }

  async function showHistory(addr) {
    try {
      const r = await Herald.get('/api/v1/opt-outs/' + encodeURIComponent(addr) + '/history');
      const events = Array.isArray(r) ? r : (r.history || r.events || []);
      history.replaceChildren(el('h2', {}, 'History of ' + addr), Herald.table([{ label: 'When', value: h => Herald.time(h.at) },
        { label: 'What', value: h => h.action }, { label: 'Source', value: h => h.source }, { label: 'By', value: h => h.actor || '' }], events));
    } catch (err) { Herald.say(message, err); }
  }
  await load();
});
