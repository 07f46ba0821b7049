'use strict';
// Senders: the numbers and names an account's texts go from. Account admins manage their own;
// operators also share short codes between accounts and route a sender to an SMSC connection.
Herald.page({ title: 'Senders', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  const operator = Herald.me().role === 'operator';
  const list = el('div', { id: 'senders' });
  const message = el('div', { 'aria-live': 'polite' });
  const address = el('input', { id: 's-address', required: true, maxlength: 16, placeholder: '+12025550100, 55555 or CLINIC' });
  const tps = el('input', { id: 's-tps', type: 'number', min: 0.001, step: 'any', size: 6, placeholder: 'no rate of its own' });
  const makeDefault = el('input', { id: 's-default', type: 'checkbox' });
  const shared = el('input', { id: 's-shared', type: 'checkbox' });
  const form = el('form', { class: 'inline card', id: 'new-sender' },
    Herald.field('Address (a number in E.164, a short code, or a name of up to 11 letters)', address),
    Herald.field('Texts per second', tps),
    el('label', { class: 'check' }, makeDefault, 'Default sender'),
    operator ? el('label', { class: 'check' }, shared, 'Shared short code') : null,
    el('button', { class: 'primary', type: 'submit' }, 'Add sender'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const body = { address: address.value, default: makeDefault.checked || undefined,
        tps: tps.value === '' ? undefined : Number(tps.value), shared: operator && shared.checked ? true : undefined };
      const made = await Herald.post('/api/v1/senders', body);
      Herald.say(message, 'Sender ' + made.address + ' added (' + made.kind.replace('_', ' ') + ').', true);
      form.reset();
      load();
    } catch (err) {
      Herald.say(message, err);
    }
  });
  main.append(el('p', { class: 'muted' }, 'Replies come back to numbers; nobody can answer a name.'), message, list,
    el('h2', {}, 'Add a sender'), form);

  async function change(s, body, done) {
    try {
      await Herald.api('PATCH', '/api/v1/senders/' + s.id, body);
      Herald.say(message, done, true);
    } catch (err) {
      Herald.say(message, err);
    }
    load();
  }

  async function load() {
    const { senders } = await Herald.get('/api/v1/senders');
    list.replaceChildren(Herald.table([
      { label: 'Address', value: s => s.address },
      { label: 'Kind', value: s => s.kind.replace('_', ' ') + (s.shared ? ' (shared)' : '') },
      { label: 'Replies', value: s => s.takesReplies ? 'yes' : 'no' },
      { label: 'Texts per second', value: s => s.tps === null ? 'no rate of its own' : String(s.tps) },
      { label: 'SMSC', value: s => s.smsc || 'by route' },
      { label: 'Default', value: s => s.default ? Herald.statusBadge('default')
        : el('button', { type: 'button', onclick: () => change(s, { default: true }, s.address + ' is the default sender now.') },
          'Make default') },
      { label: 'Actions', value: s => s.default ? '' : el('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm('Delete sender ' + s.address + '?')) return;
        try { await Herald.del('/api/v1/senders/' + s.id); Herald.say(message, 'Sender deleted.', true); load(); } catch (err) { Herald.say(message, err); }
      } }, 'Delete') },
    ], senders));
  }
  await load();
});
