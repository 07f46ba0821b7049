'use strict';
// Broadcasts: a saved message to all contacts or some groups. Users of the account prepare one
// (count, the compliance checks, confirm); an account admin approves it or rejects it with a
// reason. The list shows each one's status, count and result; admins set the account's rules.
Herald.page({ title: 'Broadcasts' }, async main => {
  const { el } = Herald;
  const me = Herald.me();
  const admin = me.role === 'admin' || (me.role === 'operator' && Herald.accountId() !== null);
  const message = el('div', { id: 'broadcasts-message', 'aria-live': 'polite' });
  const list = el('div', { id: 'broadcasts' });
  const dialog = el('dialog', { id: 'broadcast-window', class: 'wide', 'aria-labelledby': 'window-title' });
  let poll = null;

  const [account, messages, groups, fields, settings] = await Promise.all([
    Herald.accountId() === null ? null : Herald.get('/api/v1/accounts/' + Herald.accountId()).catch(() => null),
    Herald.get('/api/v1/sms').then(r => r.messages || []),
    Herald.get('/api/v1/groups').then(r => r.groups || []),
    Herald.get('/api/v1/fields').then(r => (Array.isArray(r) ? r : r.fields) || []).catch(() => []),
    Herald.get('/api/v1/broadcasts/settings').catch(() => null)]);
  const ctx = { dialog, messages, groups, fields, settings, admin, me, broadcasts: [],
    say: (text, ok) => Herald.say(message, text, ok), changed: () => load() };
  const off = !!account && account.broadcasts === false;

  main.append(el('p', { class: 'muted' }, 'A saved message from the ', el('a', { href: 'sms-library.html' }, 'SMS Library'),
    ' to all contacts or some groups, each contact once. Anyone of the account prepares a broadcast: counts who gets it,'
    + ' checks it against the mailing standards and confirms it. An account admin then approves it (it is sent, now or at'
    + ' its time) or rejects it with a reason for the one who prepared it.'));
  const form = off ? null : BroadcastSendForm.build(ctx);
  if (off) {
    main.append(el('p', { class: 'muted', id: 'broadcasts-off' }, 'Broadcasts are not turned on for this account. Ask your Herald'
      + ' operator to turn them on; this page then lets you prepare and send them.'));
  } else {
    const toggle = el('button', { type: 'button', class: 'primary', id: 'new-broadcast', 'aria-expanded': 'false',
      'aria-controls': 'new-broadcast-card', onclick: () => {
        if (form.card.hidden) form.open(); else form.close();
        toggle.setAttribute('aria-expanded', String(!form.card.hidden));
      } }, 'New broadcast');
    main.append(el('div', { class: 'actions' }, toggle), form.card);
  }
  main.append(message, el('h2', {}, 'Broadcasts'), list, settingsSection(), dialog);

  function show() {
    const rows = ctx.broadcasts;
    const snippet = b => {
      const text = b.text || (messages.find(m => m.id === b.sms) || {}).text || '';
      return text.length > 90 ? text.slice(0, 88) + '…' : text;
    };
    list.replaceChildren(Herald.table([
      { label: 'Broadcast', value: b => [el('strong', {}, b.id + ' · ' + BroadcastUi.messageName(ctx, b)),
        el('div', { class: 'muted', style: 'font-size:.85rem;overflow-wrap:anywhere' }, snippet(b))] },
      { label: 'Recipients', value: b => BroadcastUi.audience(ctx, b) },
      { label: 'Status', value: b => [BroadcastUi.badge(b),
        b.status === 'rejected' ? el('div', { class: 'reject-line', style: 'font-size:.85rem' }, 'Reason: ' + (b.rejectReason || '')) : null,
        b.sendAt && !['completed', 'cancelled', 'rejected'].includes(b.status)
          ? el('div', { class: 'muted', style: 'font-size:.85rem' }, BroadcastUi.when(b)) : null] },
      { label: 'Count', value: b => (b.counts ? BroadcastUi.plural(b.counts.recipients, 'recipient') : '—') },
      { label: 'Result', value: b => BroadcastUi.resultView(b) || '' },
      { label: 'Created', value: b => [Herald.time(b.createdAt), b.createdBy ? el('div', { class: 'muted' }, b.createdBy) : null] },
      { label: 'Actions', value: b => el('button', { type: 'button', class: 'open-broadcast', 'aria-label': 'Open broadcast ' + b.id,
        onclick: () => BroadcastUi.open(ctx, b.id) }, b.status === 'awaiting approval' && admin ? 'Review' : 'Open') },
    ], rows, 'No broadcasts yet.' + (off ? '' : ' Start one with New broadcast.')));
    list.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.id = rows[i].id; tr.dataset.status = rows[i].status; });
  }

  async function load() {
    clearTimeout(poll);
    try {
      ctx.broadcasts = (await Herald.get('/api/v1/broadcasts')).broadcasts || [];
      show();
    } catch (err) {
      Herald.say(message, err);
    }
    if (ctx.broadcasts.some(b => ['approved', 'sending'].includes(b.status))) poll = setTimeout(load, 3000);
    else if (ctx.broadcasts.some(b => b.status === 'scheduled')) poll = setTimeout(load, 30000);
  }

  function settingsSection() {
    const s = settings || { sendingHoursFrom: '08:00', sendingHoursTo: '21:00', pricePerSegment: null, fourEyes: false };
    const section = el('section', { class: 'card', id: 'broadcast-settings', 'aria-labelledby': 'settings-title', style: 'margin-top:1.5rem' },
      el('h2', { id: 'settings-title', style: 'margin-top:0' }, 'Broadcast rules'));
    const summary = x => 'Texts go between ' + x.sendingHoursFrom + ' and ' + x.sendingHoursTo + ' in each recipient\'s own time'
      + ' (the account\'s when a contact has none); outside those hours is quiet. Four-eyes is ' + (x.fourEyes
      ? 'on: the one who prepares a broadcast does not approve it.' : 'off.')
      + (x.pricePerSegment !== null && x.pricePerSegment !== undefined ? ' Price per segment: ' + x.pricePerSegment + '.' : '');
    if (!admin) {
      section.append(el('p', { id: 'settings-summary' }, summary(s)));
      return section;
    }
    const from = el('input', { type: 'time', id: 's-hours-from', 'data-field': 'sendingHoursFrom', value: s.sendingHoursFrom, required: true });
    const to = el('input', { type: 'time', id: 's-hours-to', 'data-field': 'sendingHoursTo', value: s.sendingHoursTo, required: true });
    const price = el('input', { type: 'number', id: 's-price', 'data-field': 'pricePerSegment', min: 0, step: 'any', style: 'max-width:10rem',
      value: s.pricePerSegment === null || s.pricePerSegment === undefined ? '' : s.pricePerSegment, placeholder: 'none' });
    const fourEyes = el('input', { type: 'checkbox', id: 's-four-eyes', 'data-field': 'fourEyes', checked: !!s.fourEyes });
    const said = el('div', { id: 'settings-message', 'aria-live': 'polite' });
    const rules = el('form', { class: 'stack', id: 'settings-form', novalidate: true },
      el('p', { class: 'muted', style: 'margin:0' }, 'The sending hours are checked in each recipient\'s own time (the'
        + ' account\'s when a contact has none); the quiet hours are the rest of the day, and a broadcast that would reach'
        + ' someone in them fails its check.'),
      el('div', { class: 'rows' }, el('div', { class: 'row' }, Herald.field('Sending hours from', from),
        Herald.field('until', to))),
      Herald.field('Price per segment (for the cost estimate; empty for none)', price),
      el('label', { class: 'check' }, fourEyes, 'Four-eyes: the one who prepares a broadcast cannot approve it'),
      said,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save rules')));
    rules.addEventListener('submit', async e => {
      e.preventDefault();
      rules.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
      if (price.value !== '' && !(Number(price.value) >= 0)) {
        price.setAttribute('aria-invalid', 'true');
        return Herald.say(said, 'The price per segment is a number like 0.0075, or empty for none.');
      }
      try {
        const saved = await Herald.put('/api/v1/broadcasts/settings', { sendingHoursFrom: from.value, sendingHoursTo: to.value,
          pricePerSegment: price.value === '' ? null : Number(price.value), fourEyes: fourEyes.checked });
        ctx.settings = saved;
        Herald.say(said, 'Broadcast rules saved. ' + summary(saved), true);
      } catch (err) {
        Herald.say(said, err);
        const target = err.body && err.body.field && rules.querySelector('[data-field="' + CSS.escape(err.body.field) + '"]');
        if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
      }
    });
    section.append(rules);
    return section;
  }

  await load();
  if (form && Herald.param('sms')) {
    form.open(Number(Herald.param('sms')));
    document.getElementById('new-broadcast').setAttribute('aria-expanded', 'true');
  }
  if (Herald.param('id')) BroadcastUi.open(ctx, Number(Herald.param('id')));
});
