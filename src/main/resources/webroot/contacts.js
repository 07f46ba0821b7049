'use strict';
// Contacts: search, sort, page, edit, delete, export; adding one; a link to the import wizard.
Herald.page({ title: 'Contacts' }, async main => {
  const { el } = Herald;
  const state = { q: '', sort: 'lastName', order: 'asc', page: 1, group: Herald.param('group') || '' };
  const search = el('input', { id: 'search', type: 'search', placeholder: 'Name, phone or e-mail' });
  const list = el('div', { id: 'contacts' });
  const message = el('div', { 'aria-live': 'polite' });
  const searchForm = el('form', { class: 'inline', role: 'search' }, Herald.field('Search', search),
    el('button', { type: 'submit' }, 'Search'));
  searchForm.addEventListener('submit', e => { e.preventDefault(); state.q = search.value; state.page = 1; load(); });
  const exportLink = format => Herald.withAccount('/api/v1/contacts/export?format=' + format
    + (state.q ? '&q=' + encodeURIComponent(state.q) : '') + (state.group ? '&group=' + state.group : ''));
  const exports = el('div', { class: 'actions' });
  const editor = el('dialog', { id: 'editor', 'aria-labelledby': 'editor-title' });
  main.append(searchForm, exports, message, list, editor,
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', id: 'add', onclick: () => edit(null) }, 'Add contact'),
      el('a', { href: 'import.html' }, 'Import contacts from a file')));

  function sortHeader(label, key) {
    const arrow = state.sort === key ? (state.order === 'asc' ? ' ▲' : ' ▼') : '';
    return el('button', { type: 'button', class: 'sort', onclick: () => {
      state.order = state.sort === key && state.order === 'asc' ? 'desc' : 'asc';
      state.sort = key;
      load();
    } }, label + arrow);
  }

  async function load() {
    exports.replaceChildren(el('a', { href: exportLink('csv'), id: 'export-csv' }, 'Export CSV'), el('a', { href: exportLink('xlsx') }, 'Export Excel'));
    const params = new URLSearchParams({ sort: state.sort, order: state.order, page: state.page, pageSize: 25 });
    if (state.q) params.set('q', state.q);
    if (state.group) params.set('group', state.group);
    try {
      const r = await Herald.get('/api/v1/contacts?' + params);
      const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
      const table = Herald.table([
        { label: 'Name', value: c => [c.firstName, c.lastName].filter(Boolean).join(' ') },
        { label: 'Phone', value: c => c.phone || '' },
        { label: 'E-mail', value: c => c.email || '' },
        { label: 'Status', value: c => el('span', {}, (c.details || []).map(d => el('span', {}, d.kind + ' ', Herald.statusBadge(d.status), ' '))) },
        { label: 'Groups', value: c => (c.groups || []).map(g => g.name || g).join(', ') },
        { label: 'Actions', value: c => el('span', { class: 'actions' },
          el('button', { type: 'button', onclick: () => edit(c), 'aria-label': 'Edit ' + (c.phone || c.email) }, 'Edit'),
          el('button', { type: 'button', class: 'danger', onclick: () => remove(c), 'aria-label': 'Delete ' + (c.phone || c.email) }, 'Delete')) },
      ], r.contacts, 'No contacts match.');
      const head = table.querySelector('thead tr');
      if (head) {
        head.children[0].replaceChildren(sortHeader('Name', 'lastName'));
        head.children[1].replaceChildren(sortHeader('Phone', 'phone'));
        head.children[2].replaceChildren(sortHeader('E-mail', 'email'));
      }
      list.replaceChildren(el('p', { class: 'muted', id: 'contact-count' }, r.total + (r.total === 1 ? ' contact' : ' contacts')), table,
        el('div', { class: 'pager' },
          el('button', { type: 'button', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, 'Previous'),
          el('span', {}, 'Page ' + state.page + ' of ' + pages),
          el('button', { type: 'button', disabled: state.page >= pages, onclick: () => { state.page++; load(); } }, 'Next')));
    } catch (e) {
      Herald.say(message, e);
    }
  }

  async function remove(c) {
    if (!confirm('Delete contact ' + (c.phone || c.email) + '?')) return;
    try {
      await Herald.del('/api/v1/contacts/' + c.id);
      Herald.say(message, 'Contact deleted.', true);
      load();
    } catch (e) {
      Herald.say(message, e);
    }
  }

  function edit(c) {
    const input = (id, value, type) => el('input', { id, value: value || '', type: type || 'text' });
    const f = { firstName: input('c-first', c && c.firstName), lastName: input('c-last', c && c.lastName),
      phone: input('c-phone', c && c.phone, 'tel'), email: input('c-email', c && c.email, 'email') };
    const problem = el('div', { 'aria-live': 'assertive' });
    const form = el('form', { class: 'stack', method: 'dialog' },
      el('h2', { id: 'editor-title' }, c ? 'Edit contact' : 'Add contact'),
      Herald.field('First name', f.firstName), Herald.field('Last name', f.lastName),
      Herald.field('Phone', f.phone), Herald.field('E-mail', f.email), problem,
      el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit', id: 'save-contact' }, 'Save'),
        el('button', { type: 'button', onclick: () => editor.close() }, 'Cancel')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = {};
      for (const [k, i] of Object.entries(f)) body[k] = i.value.trim() || null;
      try {
        if (c) await Herald.put('/api/v1/contacts/' + c.id, Object.assign({}, body));
        else await Herald.post('/api/v1/contacts', body);
        editor.close();
        Herald.say(message, 'Contact saved.', true);
        load();
      } catch (err) {
        problem.replaceChildren(Herald.errorBox(err));
      }
    });
    editor.replaceChildren(form);
    editor.showModal();
    f.firstName.focus();
  }

  await load();
});
