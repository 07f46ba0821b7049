'use strict';
// API keys: account admins make keys for the programs that call Herald (a booking system, a
// nightly export), each with a role; a key is shown once, and revoking it stops it at once.
Herald.page({ title: 'API keys', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  const list = el('div', { id: 'keys' });
  const message = el('div', { 'aria-live': 'polite' });
  const shown = el('div', { id: 'new-key', 'aria-live': 'polite' });
  const name = el('input', { id: 'k-name', required: true, maxlength: 100, placeholder: 'Booking system' });
  const role = el('select', { id: 'k-role' }, ['user', 'admin'].map(r => el('option', { value: r }, r)));
  const form = el('form', { class: 'inline card', id: 'make-key' }, Herald.field('What it is for', name),
    Herald.field('Role', role), el('button', { class: 'primary', type: 'submit' }, 'Make key'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const made = await Herald.post('/api/v1/api-keys', { name: name.value, role: role.value });
      shown.replaceChildren(el('div', { class: 'card' },
        el('p', {}, 'The key for ' + made.name + '. Copy it now: it is not shown again.'),
        el('code', { id: 'key-value' }, made.key),
        el('p', { class: 'muted' }, 'Send it as: Authorization: Bearer ' + made.prefix + '…')));
      form.reset();
      load();
    } catch (err) {
      Herald.say(message, err);
    }
  });
  main.append(message, shown, list, el('h2', {}, 'Make a key'), form);

  async function load() {
    const { keys } = await Herald.get('/api/v1/api-keys');
    list.replaceChildren(keys.length === 0 ? el('p', { class: 'muted' }, 'No keys yet.') : Herald.table([
      { label: 'Name', value: k => k.name },
      { label: 'Role', value: k => k.role },
      { label: 'Key', value: k => el('code', {}, k.prefix + '…') },
      { label: 'Made', value: k => Herald.time(k.createdAt) + ' by ' + k.createdBy },
      { label: 'Last used', value: k => k.lastUsedAt ? Herald.time(k.lastUsedAt) : 'never' },
      { label: 'Status', value: k => k.revoked ? Herald.statusBadge('revoked')
        : el('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm('Revoke the key for ' + k.name + '? Programs using it stop at once.')) return;
          try { await Herald.del('/api/v1/api-keys/' + k.id); Herald.say(message, 'Key for ' + k.name + ' revoked.', true); load(); } catch (err) { Herald.say(message, err); }
        } }, 'Revoke') },
    ], keys));
  }
  await load();
});
