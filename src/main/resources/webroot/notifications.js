'use strict';
// Notifications: what the signed-in user receives (everyone), and for account admins who gets the
// account's mails, for which events, with a test e-mail to check the mail link.
Herald.page({ title: 'Notifications' }, async main => {
  const { el } = Herald;
  const me = Herald.me();
  const message = el('div', { id: 'notify-message', 'aria-live': 'polite' });
  const mailOff = el('p', { class: 'banner bad', id: 'mail-off', hidden: true },
    'E-mail is off on this server (no mail.host is set): nothing is sent until an operator configures it. Settings can still be saved.');
  const mineCard = el('section', { class: 'card', id: 'mine', 'aria-labelledby': 'mine-title' });
  const accountCard = el('section', { class: 'card', id: 'account-settings', 'aria-labelledby': 'account-title' });
  main.append(mailOff, message, mineCard);
  const admin = me.role === 'admin' || (me.role === 'operator' && Herald.accountId() !== null);
  if (admin) main.append(accountCard);

  const checks = (name, kinds, on) => el('fieldset', { class: 'rows', id: name },
    el('legend', {}, 'Events'),
    kinds.map(k => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name, value: k.key, id: name + '-' + k.key, checked: on(k.key) }), k.label)));
  const chosen = form => [...form.querySelectorAll('input[type=checkbox]')];

  function showMine(r) {
    mailOff.hidden = r.mail === 'on';
    const form = el('form', { class: 'stack', id: 'mine-form' },
      el('p', {}, 'Mails for you go to ', el('strong', { id: 'my-email' }, r.email), '. Untick what you do not want to receive.'),
      checks('receive', r.kinds, key => !r.muted.includes(key)),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'save-mine' }, 'Save my choices')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const muted = chosen(form).filter(c => !c.checked).map(c => c.value);
      try {
        showMine(await Herald.put('/api/v1/notifications/mine', { muted }));
        Herald.say(message, muted.length ? 'Saved: you will not get ' + muted.length + ' kind' + (muted.length === 1 ? '' : 's') + ' of mail.'
          : 'Saved: you get every notification sent to you.', true);
      } catch (err) { Herald.say(message, err); }
    });
    mineCard.replaceChildren(el('h2', { id: 'mine-title' }, 'My notifications'), form);
  }

  function showAccount(s) {
    mailOff.hidden = s.mail === 'on';
    const recipients = el('textarea', { id: 'recipients', rows: 3, 'data-field': 'recipients', placeholder: 'office@clinic.example' },
      s.recipients.join('\n'));
    const form = el('form', { class: 'stack', id: 'account-form', novalidate: true },
      Herald.field('Recipients: addresses or users\' e-mails, one a line (none: no account mail is sent)', recipients),
      checks('events', s.kinds, key => s.events[key] !== false),
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save'),
        el('button', { type: 'button', id: 'test-mail', disabled: s.mail !== 'on',
          title: s.mail === 'on' ? null : 'E-mail is off on this server', onclick: test }, 'Send a test e-mail')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const events = {};
      chosen(form).forEach(c => { events[c.value] = c.checked; });
      const list = recipients.value.split(/[\n,;]/).map(x => x.trim()).filter(Boolean);
      recipients.removeAttribute('aria-invalid');
      try {
        showAccount(await Herald.put('/api/v1/notifications/settings', { recipients: list, events }));
        Herald.say(message, list.length ? 'Saved: account mails go to ' + list.join(', ') + '.' : 'Saved: no account mail is sent.', true);
      } catch (err) {
        Herald.say(message, err);
        if (err.body && err.body.field === 'recipients') { recipients.setAttribute('aria-invalid', 'true'); recipients.focus(); }
      }
    });
    accountCard.replaceChildren(el('h2', { id: 'account-title' }, 'Account notifications'),
      el('p', { class: 'muted' }, 'Mails name the file, job or broadcast and link to its page; they carry no phone numbers or message texts.'),
      form);
  }

  async function test() {
    try {
      const r = await Herald.post('/api/v1/notifications/test');
      Herald.say(message, 'Test e-mail queued for ' + r.queued + ' recipient' + (r.queued === 1 ? '' : 's')
        + '. The outbox shows when it is sent.', true);
    } catch (err) { Herald.say(message, err); }
  }

  showMine(await Herald.get('/api/v1/notifications/mine'));
  if (admin) showAccount(await Herald.get('/api/v1/notifications/settings'));
});
