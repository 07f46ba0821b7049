'use strict';
// Users: account admins manage their account's people; operators everyone's.
Herald.page({ title: 'Users', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  const operator = Herald.me().role === 'operator';
  const list = el('div', { id: 'users' });
  const message = el('div', { 'aria-live': 'polite' });
  const roles = operator ? ['user', 'admin', 'operator'] : ['user', 'admin'];
  const email = el('input', { id: 'u-email', type: 'email', required: true });
  const password = el('input', { id: 'u-password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' });
  const role = el('select', { id: 'u-role' }, roles.map(r => el('option', { value: r }, r)));
  const form = el('form', { class: 'inline card', id: 'new-user' }, Herald.field('E-mail', email),
    Herald.field('Password (10 characters or more)', password), Herald.field('Role', role),
    el('button', { class: 'primary', type: 'submit' }, 'Add user'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await Herald.post('/api/v1/users', { email: email.value, password: password.value, role: role.value,
        account: role.value === 'operator' ? undefined : Herald.accountId() });
      Herald.say(message, 'User ' + email.value + ' added.', true);
      form.reset();
      load();
    } catch (err) {
      Herald.say(message, err);
    }
  });
  main.append(message, list, el('h2', {}, 'Add a user'), form);

  async function change(u, body, done) {
    try {
      await Herald.put('/api/v1/users/' + u.id, body);
      Herald.say(message, done, true);
      load();
    } catch (err) {
      Herald.say(message, err);
    }
  }

  async function load() {
    const { users } = await Herald.get('/api/v1/users' + (operator ? '' : ''));
    list.replaceChildren(Herald.table([
      { label: 'E-mail', value: u => u.email },
      { label: 'Role', value: u => u.role === 'operator' || u.email === Herald.me().email ? u.role
        : el('select', { 'aria-label': 'Role of ' + u.email, onchange: e => change(u, { role: e.target.value }, 'Role changed.') },
          ['user', 'admin'].map(r => el('option', { value: r, selected: r === u.role }, r))) },
      { label: 'Account', value: u => u.account === null ? 'all (operator)' : String(u.account) },
      { label: 'Added', value: u => Herald.time(u.createdAt) },
      { label: 'Actions', value: u => u.email === Herald.me().email ? '' : el('span', { class: 'actions' },
        el('button', { type: 'button', onclick: () => {
          const p = prompt('New password for ' + u.email + ' (10 characters or more)');
          if (p) change(u, { password: p }, 'Password changed.');
        } }, 'Set password'),
        el('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm('Delete ' + u.email + '?')) return;
          try { await Herald.del('/api/v1/users/' + u.id); Herald.say(message, 'User deleted.', true); load(); } catch (err) { Herald.say(message, err); }
        } }, 'Delete')) },
    ], users));
  }
  await load();
});
