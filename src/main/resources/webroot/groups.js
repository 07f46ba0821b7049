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
  // merging deletes the source group, so the page says so, naming both, and asks first
  const confirmMerge = el('div', { id: 'merge-confirm-area' });
  merge.addEventListener('submit', e => {
    e.preventDefault();
    const source = groups.find(g => String(g.id) === from.value);
    const target = groups.find(g => String(g.id) === into.value);
    if (!source || !target) return;
    const yes = el('button', { type: 'button', class: 'danger', id: 'merge-yes', onclick: async () => {
      confirmMerge.replaceChildren();
      try {
        await Herald.post('/api/v1/groups/' + target.id + '/merge', { group: source.id });
        Herald.say(message, 'Merged "' + source.name + '" into "' + target.name + '"; "' + source.name + '" was deleted.', true);
        load();
      } catch (err) { Herald.say(message, err); }
    } }, 'Merge and delete "' + source.name + '"');
    confirmMerge.replaceChildren(el('div', { class: 'card', role: 'alertdialog', id: 'merge-confirm', 'aria-labelledby': 'merge-question' },
      el('p', { id: 'merge-question' }, 'Merge "' + source.name + '" into "' + target.name + '"? Its contacts are added to "'
        + target.name + '", and the group "' + source.name + '" goes away. Its contacts stay.'),
      el('div', { class: 'actions' }, yes,
        el('button', { type: 'button', id: 'merge-no', onclick: () => confirmMerge.replaceChildren() }, 'Cancel'))));
    yes.focus();
  });
  main.append(message, list, create, merge, confirmMerge);
  let groups = [];

  async function load() {
    groups = (await Herald.get('/api/v1/groups')).groups;
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
