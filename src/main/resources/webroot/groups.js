'use strict';
// Groups: list, create, see members, merge one group into another, delete.
Herald.page({ title: 'Groups' }, async main => {
  const { el } = Herald;
  const list = el('div', { id: 'groups' });
  const message = el('div', { 'aria-live': 'polite' });
  const name = el('input', { id: 'g-name', required: true });
  const create = el('form', { class: 'inline card' }, Herald.field('New group name', name), el('button', { class: 'primary', type: 'submit' }, 'Create group'));
  create.addEventListener('submit', async e => {
    e.preventDefault();
    try { await Herald.post('/api/v1/groups', { name: name.value }); create.reset(); Herald.say(message, 'Group created.', true); load(); } catch (err) { Herald.say(message, err); }
  });
  const from = el('select', { id: 'merge-from' });
  const into = el('select', { id: 'merge-into' });
  const merge = el('form', { class: 'inline card' }, Herald.field('Merge the members of', from), Herald.field('into', into),
    el('button', { type: 'submit' }, 'Merge'));
  merge.addEventListener('submit', async e => {
    e.preventDefault();
    try { await Herald.post('/api/v1/groups/' + into.value + '/merge', { group: Number(from.value) }); Herald.say(message, 'Groups merged.', true); load(); } catch (err) { Herald.say(message, err); }
  });
  main.append(message, list, create, merge);

  async function load() {
    const { groups } = await Herald.get('/api/v1/groups');
    const options = () => groups.map(g => el('option', { value: g.id }, g.name));
    from.replaceChildren(...options());
    into.replaceChildren(...options());
    list.replaceChildren(Herald.table([
      { label: 'Group', value: g => el('a', { href: 'contacts.html?group=' + g.id }, g.name) },
      { label: 'Type', value: g => g.type },
      { label: 'Contacts', value: g => String(g.contacts) },
      { label: 'Active', value: g => String(g.activeContacts) },
      { label: 'Created', value: g => Herald.time(g.createdAt) },
      { label: 'Actions', value: g => el('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm('Delete group ' + g.name + '? Its contacts stay.')) return;
        try { await Herald.del('/api/v1/groups/' + g.id); load(); } catch (err) { Herald.say(message, err); }
      } }, 'Delete') },
    ], groups, 'No groups yet.'));
  }
  await load();
});
