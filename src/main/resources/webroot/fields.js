'use strict';
// Fields: the default contact fields and up to 20 custom ones (account admins).
Herald.page({ title: 'Fields', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  const list = el('div', { id: 'fields' });
  const message = el('div', { 'aria-live': 'polite' });
  const key = el('input', { id: 'f-key', required: true, pattern: '[a-z][a-zA-Z0-9_]*' });
  const label = el('input', { id: 'f-label', required: true });
  const type = el('select', { id: 'f-type' }, ['text', 'number', 'date', 'boolean', 'phone'].map(t => el('option', { value: t }, t)));
  const form = el('form', { class: 'inline card' }, Herald.field('Key', key), Herald.field('Label', label), Herald.field('Type', type),
    el('button', { class: 'primary', type: 'submit' }, 'Add field'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try { await Herald.post('/api/v1/fields', { key: key.value, label: label.value, type: type.value }); form.reset(); Herald.say(message, 'Field added.', true); load(); } catch (err) { Herald.say(message, err); }
  });
  main.append(message, list, el('h2', {}, 'Add a custom field'), form);
  async function load() {
    const r = await Herald.get('/api/v1/fields');
    const fields = Array.isArray(r) ? r : r.fields;
    list.replaceChildren(Herald.table([{ label: 'Key', value: f => f.key }, { label: 'Label', value: f => f.label },
      { label: 'Type', value: f => f.type }, { label: 'Kind', value: f => f.default ? 'default' : 'custom' },
      { label: 'Actions', value: f => f.default ? '' : el('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm('Delete field ' + f.label + ' and its values?')) return;
        try { await Herald.del('/api/v1/fields/' + encodeURIComponent(f.key)); load(); } catch (err) { Herald.say(message, err); }
      } }, 'Delete') }], fields));
  }
  await load();
});
