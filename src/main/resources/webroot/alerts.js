'use strict';
// Mass Text Alerts: one informational text to every client with an appointment in a range of at
// most 7 days (one text a client, however many appointments), from the account's default sender.
// The activity shows each alert's progress, then a green or red line and its report.
Herald.page({ title: 'Mass Text Alerts', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  const zone = Herald.zoneName();
  const RANGES = [['today', 'Rest of today'], ['tomorrow', 'Tomorrow'], ['week', 'Next 7 days'], ['custom', 'Custom date range']];
  const message = el('div', { id: 'alert-message', 'aria-live': 'polite' });
  const range = el('select', { id: 'alert-range' }, RANGES.map(([value, label]) => el('option', { value }, label)));
  const from = el('input', { type: 'datetime-local', id: 'alert-from', 'data-field': 'from' });
  const to = el('input', { type: 'datetime-local', id: 'alert-to', 'data-field': 'to' });
  const custom = el('div', { class: 'rows', id: 'alert-custom', hidden: true }, el('div', { class: 'row' },
    Herald.field('From (' + zone + ')', from), Herald.field('To (' + zone + ')', to)));
  const preview = el('div', { id: 'alert-preview', 'aria-live': 'polite' });
  const body = el('textarea', { id: 'alert-body', 'data-field': 'body', rows: 4, 'aria-describedby': 'alert-counter',
    placeholder: 'The clinic is closed today for a power outage. We will call you to rebook.' });
  const counter = el('p', { class: 'counter', id: 'alert-counter', 'aria-live': 'polite' });
  const send = el('button', { type: 'submit', class: 'primary', id: 'send-alert', disabled: true }, 'Send');
  const confirmBox = el('section', { class: 'card', id: 'alert-confirm', role: 'alertdialog', 'aria-labelledby': 'alert-confirm-title',
    hidden: true, style: 'margin:0' });
  const activity = el('div', { id: 'alert-activity' });
  let recipients = 0;
  let tooLong = false;
  let previous = range.value;
  let previewSeq = 0;
  let checkSeq = 0;
  let checkTimer = null;
  let poll = null;
  let alerts = [];

  const n = v => (v || 0).toLocaleString('en');
  const plural = (k, word) => n(k) + ' ' + word + (k === 1 ? '' : 's');

  /** Date and time parts of a moment in the account's time zone. */
  function parts(date) {
    const p = {};
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date).forEach(x => { p[x.type] = x.value; });
    return p;
  }
  const localNow = () => { const p = parts(new Date()); return p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute; };
  /** The account's date k days from today, as YYYY-MM-DD. */
  const day = k => { const d = new Date(localNow().slice(0, 10) + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + k); return d.toISOString().slice(0, 10); };

  /** A range as the API reads it: now as an instant, whole days as the account's midnights. */
  function rangeOf(option, now) {
    if (option === 'today') return { from: now, to: day(1) + 'T00:00' };
    if (option === 'tomorrow') return { from: day(1) + 'T00:00', to: day(2) + 'T00:00' };
    if (option === 'week') return { from: now, to: day(7) + 'T00:00' };
    return { from: from.value, to: to.value };
  }
  const chosen = () => rangeOf(range.value, new Date().toISOString());

  function update() {
    send.disabled = recipients === 0 || !body.value.trim() || tooLong;
    send.style.opacity = send.disabled ? '.55' : '';
    send.title = send.disabled ? 'Send needs clients in the range and a message that fits' : '';
  }

  function closeConfirm() {
    confirmBox.hidden = true;
    confirmBox.replaceChildren();
  }

  async function refreshPreview() {
    const mine = ++previewSeq;
    recipients = 0;
    closeConfirm();
    update();
    [from, to].forEach(x => x.removeAttribute('aria-invalid'));
    const r = chosen();
    if (!r.from || !r.to) {
      preview.replaceChildren(el('p', { class: 'muted' }, 'Choose when the range starts and when it ends.'));
      return;
    }
    preview.replaceChildren(el('p', { class: 'muted' }, 'Counting the clients…'));
    try {
      const p = await Herald.post('/api/v1/alerts/preview', r);
      if (mine !== previewSeq) return;
      if (message.querySelector('.error')) message.replaceChildren();
      showPreview(p);
    } catch (err) {
      if (mine !== previewSeq) return;
      preview.replaceChildren();
      Herald.say(message, err);
      const target = range.value === 'custom' && err.body && err.body.field
        && custom.querySelector('[data-field="' + CSS.escape(err.body.field) + '"]');
      if (target) target.setAttribute('aria-invalid', 'true');
    }
  }

  function showPreview(p) {
    recipients = p.recipients || 0;
    const lines = [];
    if (recipients > 0) {
      const span = p.firstAppointment === p.lastAppointment ? ' at ' + Herald.time(p.firstAppointment)
        : ' from ' + Herald.time(p.firstAppointment) + ' to ' + Herald.time(p.lastAppointment);
      lines.push(el('p', { id: 'alert-recipients' }, el('strong', {}, plural(recipients, 'client') + ' will get this text'),
        ' · ' + plural(p.appointments, 'appointment') + span));
    } else {
      lines.push(el('p', { id: 'alert-recipients' }, el('strong', {}, p.appointments ? 'No client in this range can get this text.'
        : 'No client has an appointment in this range.')));
    }
    lines.push(el('p', { class: 'muted' }, 'Range: ' + Herald.time(p.from) + ' to ' + Herald.time(p.to) + ' (' + zone + ')'));
    if (p.optedOut) lines.push(el('p', { class: 'muted', id: 'alert-opted-out' }, n(p.optedOut) + ' opted out (skipped)'));
    const unreachable = p.unreachable || [];
    if (unreachable.length) {
      lines.push(el('div', { id: 'alert-unreachable' },
        el('p', { style: 'margin-bottom:.2rem' }, plural(unreachable.length, 'client') + ' without a number that can be texted (skipped):'),
        el('ul', { style: 'margin-top:0' }, unreachable.map(u => el('li', {}, u.clientName || 'A client',
          ' (' + (u.phone || 'no phone number') + ')', u.reason ? ': ' + u.reason : '')))));
    }
    preview.replaceChildren(...lines);
    update();
  }

  async function check() {
    const mine = ++checkSeq;
    try {
      const c = await Herald.post('/api/v1/alerts/check', { body: body.value });
      if (mine !== checkSeq) return;
      tooLong = c.parts > c.maxParts;
      counter.textContent = tooLong ? 'Too long: ' + c.parts + ' parts of ' + c.encoding + ', the maximum is ' + c.maxParts
        : c.remaining + (c.remaining === 1 ? ' character' : ' characters') + ' remaining · ' + c.encoding + ' · '
          + c.parts + (c.parts === 1 ? ' part' : ' parts');
      counter.classList.toggle('error', tooLong);
      counter.dataset.encoding = c.encoding;
      counter.dataset.parts = c.parts;
    } catch (err) {
      if (mine !== checkSeq) return;
      counter.textContent = '';
      Herald.say(message, err);
    }
    update();
  }

  function openConfirm() {
    confirmBox.replaceChildren(
      el('h2', { id: 'alert-confirm-title', style: 'margin-top:0' }, 'Send this text to ' + plural(recipients, 'client') + '?'),
      el('p', { style: 'white-space:pre-wrap;border-left:3px solid var(--line);padding-left:.6rem' }, body.value),
      el('p', { class: 'muted' }, 'A sent alert cannot be called back.'),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', id: 'confirm-alert', onclick: submit }, 'Confirm'),
        el('button', { type: 'button', id: 'cancel-alert', onclick: () => { closeConfirm(); send.focus(); } }, 'Cancel')));
    confirmBox.hidden = false;
    document.getElementById('confirm-alert').focus();
  }

  async function submit() {
    document.getElementById('confirm-alert').disabled = true;
    try {
      const a = await Herald.post('/api/v1/alerts', Object.assign(chosen(), { body: body.value }));
      closeConfirm();
      body.value = '';
      check();
      Herald.say(message, 'Alert sent to ' + plural(a.recipients, 'client') + ': its progress shows under Activity.', true);
      alerts = [a].concat(alerts.filter(x => x.id !== a.id));
      showActivity();
    } catch (err) {
      closeConfirm();
      Herald.say(message, err);
    }
    update();
  }

  function entry(a) {
    const skipped = [];
    if (a.skipped) skipped.push(n(a.skipped) + ' opted out');
    if (a.unreachable) skipped.push(n(a.unreachable) + ' without a textable number');
    let state;
    if (a.status === 'sending' || !a.line) {
      const left = a.pacePerMinute && a.pending ? Math.ceil(a.pending / a.pacePerMinute) : 0;
      state = [el('progress', { max: 100, value: Math.round((a.progress || 0) * 100), 'aria-label': 'Progress of the alert' }),
        el('p', { class: 'alert-progress' }, n(a.sent) + ' of ' + n(a.recipients) + ' sent'
          + (a.failed ? ' · ' + n(a.failed) + ' failed' : '') + (left ? ' · about ' + plural(left, 'minute') + ' left' : ''))];
    } else {
      state = [el('p', { class: 'banner alert-line ' + (a.line.ok ? 'ok' : 'bad') }, a.line.text),
        el('p', { style: 'margin-bottom:0' }, el('a', { class: 'report', href: Herald.withAccount(a.report), download: '' }, 'Download report'))];
    }
    return el('article', { class: 'card alert-entry', 'data-id': a.id },
      el('h3', { style: 'margin-top:0' }, 'Appointments ' + Herald.time(a.from) + ' to ' + Herald.time(a.to)),
      el('p', { class: 'muted' }, 'Sent ' + Herald.time(a.createdAt) + (a.createdBy ? ' by ' + a.createdBy : '')
        + ' to ' + plural(a.recipients, 'client') + (skipped.length ? ' (skipped: ' + skipped.join(', ') + ')' : '') + (a.jobId ? ' · ' : ''),
      a.jobId ? el('a', { href: 'job.html?id=' + a.jobId }, 'Job ' + a.jobId) : ''),
      el('p', { class: 'alert-text', style: 'white-space:pre-wrap' }, a.body),
      state);
  }

  function showActivity() {
    activity.replaceChildren(...(alerts.length ? alerts.map(entry) : [el('p', { class: 'muted' }, 'No alerts sent yet.')]));
    clearTimeout(poll);
    if (alerts.some(a => a.status === 'sending')) poll = setTimeout(loadActivity, 3000);
  }

  async function loadActivity() {
    try {
      alerts = (await Herald.get('/api/v1/alerts')).alerts || [];
    } catch (err) {
      Herald.say(message, err);
    }
    showActivity();
  }

  range.addEventListener('change', () => {
    if (range.value === 'custom' && !from.value && !to.value) {
      const r = rangeOf(previous, localNow());
      from.value = r.from;
      to.value = r.to;
    }
    custom.hidden = range.value !== 'custom';
    previous = range.value;
    refreshPreview();
  });
  [from, to].forEach(x => x.addEventListener('change', refreshPreview));
  body.addEventListener('input', () => {
    closeConfirm();
    update();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 250);
  });
  const form = el('form', { class: 'stack', id: 'alert-form', novalidate: true },
    Herald.field('Clients with an appointment', range),
    custom,
    preview,
    Herald.field('Message', body),
    counter,
    message,
    el('div', { class: 'actions' }, send),
    confirmBox);
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (!send.disabled) openConfirm();
  });

  main.append(el('p', { class: 'muted' }, 'An informational text, not marketing, to every client with an appointment in the range:'
    + ' one text a client, however many appointments. Texts go from the account\'s default sender, paced so conversations'
    + ' are not held up; a client\'s reply opens or joins their conversation in the Inbox. A range is at most 7 days.'),
  el('p', {}, 'Appointments come from the clinic\'s system through the API or a drop profile, or ',
    el('a', { href: 'import.html?target=appointments', id: 'import-appointments' }, 'import a file of appointments'), '.'),
  el('section', { class: 'card', 'aria-labelledby': 'new-alert-title' }, el('h2', { id: 'new-alert-title', style: 'margin-top:0' }, 'New alert'), form),
  el('h2', {}, 'Activity'), activity);
  await Promise.all([refreshPreview(), check(), loadActivity()]);
});
