'use strict';
// The notification outbox (operators): every mail Herald wrote, newest first, by status; a mail
// given up on can be sent once more after the cause is fixed.
Herald.page({ title: 'Outbox', roles: ['operator'] }, async main => {
  const { el } = Herald;
  const STATUSES = ['pending', 'sending', 'sent', 'failed'];
  const message = el('div', { id: 'outbox-message', 'aria-live': 'polite' });
  const summary = el('div', { id: 'outbox-counts' });
  const filter = el('select', { id: 'status-filter' }, el('option', { value: '' }, 'All'),
    STATUSES.map(s => el('option', { value: s, selected: s === Herald.param('status') }, s)));
  const list = el('div', { id: 'outbox' });
  const more = el('div', { class: 'actions' });
  main.append(message, summary, el('div', { class: 'actions' }, Herald.field('Status', filter)), list, more);
  let rows = [];

  const badge = s => el('span', { class: 'status ' + (s === 'sent' ? 'ok' : s === 'failed' ? 'bad' : 'warn') }, s);

  async function retry(m) {
    try {
      await Herald.post('/api/v1/notifications/outbox/' + m.id + '/retry');
      Herald.say(message, 'Mail ' + m.id + ' to ' + m.recipient + ' queued again.', true);
      await load();
    } catch (err) { Herald.say(message, err); }
  }

  function render(page) {
    summary.replaceChildren(...(page.mail === 'on' ? [] : [el('p', { class: 'banner bad', id: 'mail-off' },
      'E-mail is off on this server (no mail.host is set): mails wait here until it is configured.')]),
    el('p', { id: 'counts' }, STATUSES.map((s, i) => [i ? ' · ' : '', badge(s), ' ', String(page.counts[s] || 0)])));
    list.replaceChildren(Herald.table([
      { label: 'Written', value: m => Herald.time(m.createdAt) },
      { label: 'To', value: m => m.recipient },
      { label: 'Subject', value: m => m.subject },
      { label: 'Status', value: m => badge(m.status) },
      { label: 'Attempts', value: m => String(m.attempts) },
      { label: 'Details', value: m => m.status === 'sent' ? 'sent ' + Herald.time(m.sentAt)
        : [m.lastError || '', m.status === 'pending' && m.nextAttemptAt ? (m.lastError ? ' · ' : '') + 'next try ' + Herald.time(m.nextAttemptAt) : ''] },
      { label: 'Actions', value: m => m.status === 'failed' ? el('button', { type: 'button', class: 'retry',
        'aria-label': 'Send mail ' + m.id + ' again', onclick: () => retry(m) }, 'Retry') : '' },
    ], rows, 'No mails' + (filter.value ? ' ' + filter.value : '') + '.'));
  }

  async function load(before) {
    const query = new URLSearchParams({ limit: '50' });
    if (filter.value) query.set('status', filter.value);
    if (before) query.set('before', String(before));
    const page = await Herald.get('/api/v1/notifications/outbox?' + query);
    rows = before ? rows.concat(page.mails) : page.mails;
    render(page);
    more.replaceChildren(...(page.mails.length === 50 ? [el('button', { type: 'button', id: 'older',
      onclick: () => load(rows[rows.length - 1].id).catch(err => Herald.say(message, err)) }, 'Older')] : []));
  }

  filter.addEventListener('change', () => load().catch(err => Herald.say(message, err)));
  await load();
});
