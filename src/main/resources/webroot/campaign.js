'use strict';
// One Proactive SMS campaign: its status and counts, pause / resume / archive, its recipient lists
// (a refused one with its error log), delivery over time, and Add Recipients: a CSV file and when
// its outreach starts (and may end).
Herald.page({ title: 'Campaign' }, async main => {
  const { el } = Herald;
  const id = Number(Herald.param('id'));
  const me = Herald.me();
  const admin = me.role === 'admin' || (me.role === 'operator' && Herald.accountId() !== null);
  const DAYS = [['mon', 'Mon'], ['tue', 'Tue'], ['wed', 'Wed'], ['thu', 'Thu'], ['fri', 'Fri'], ['sat', 'Sat'], ['sun', 'Sun']];
  const COUNTS = [['recipients', 'Recipients'], ['sent', 'Sent'], ['delivered', 'Delivered'], ['failed', 'Failed'],
    ['notContacted', 'Not contacted'], ['replied', 'Replied']];
  const LIVE = ['Scheduled', 'In progress'];
  const base = '/api/v1/campaigns/' + id;
  const message = el('div', { id: 'campaign-message', 'aria-live': 'polite' });
  const status = el('div', { id: 'campaign-status' });
  const details = el('div', { id: 'campaign-details' });
  const counts = el('div', { class: 'grid', id: 'campaign-counts', style: 'grid-template-columns:repeat(auto-fit, minmax(140px, 1fr));margin-top:1rem' });
  const buttons = el('div', { class: 'actions', id: 'campaign-actions' });
  const lists = el('div', { id: 'lists' });
  const activity = el('div', { id: 'activity' });
  const adding = el('section', { class: 'card', id: 'add-recipients', 'aria-labelledby': 'add-title', hidden: true, style: 'margin-top:1rem' });
  let timer = null;

  main.prepend(el('p', {}, el('a', { href: 'campaigns.html', id: 'back' }, '< Proactive SMS')));
  main.append(status, message, buttons, details, counts,
    el('h2', {}, 'Recipient lists'), lists, adding,
    el('h2', {}, 'Delivery status over time (' + Herald.zoneName() + ')'), activity);

  const n = v => (v || 0).toLocaleString('en');
  const plural = (k, word) => n(k) + ' ' + word + (k === 1 ? '' : 's');

  function badge(s) {
    const cls = s === 'Completed' ? 'ok' : ['Cancelled', 'Refused'].includes(s) ? 'bad' : ['Paused', 'Ended'].includes(s) ? 'warn' : '';
    return el('span', { class: 'status ' + cls }, s);
  }

  /** "Mon 09:00–17:00 · Tue 09:00–17:00 · Sat, Sun closed". */
  function scheduleText(schedule) {
    const open = DAYS.filter(([d]) => schedule && schedule[d]);
    const closed = DAYS.filter(([d]) => !schedule || !schedule[d]).map(([, label]) => label);
    return open.map(([d, label]) => label + ' ' + schedule[d][0] + '–' + schedule[d][1])
      .concat(closed.length ? [closed.join(', ') + ' closed'] : []).join(' · ') || 'closed every day';
  }

  function banner(c) {
    if (c.stoppedReason) return el('p', { class: 'banner bad' }, 'Stopped: ' + c.stoppedReason + '. Nothing is sent until this is fixed.');
    const say = {
      'No recipients': ['running', 'No recipients yet: add a recipient list below.'],
      Scheduled: ['running', 'Scheduled: texts go when the outreach of a list starts, in the open hours.'],
      'In progress': ['running', 'In progress: ' + n(c.counts && c.counts.sent) + ' of ' + n(c.counts && c.counts.recipients) + ' sent'],
      Paused: ['bad', 'Paused: nothing is sent until the campaign is resumed.'],
      Completed: ['ok', 'Completed: every list was sent.'],
      Ended: ['running', 'Ended: the outreach end passed.'],
      Cancelled: ['bad', 'Cancelled'],
      Archived: ['running', 'Archived: this campaign sends nothing more.'],
    }[c.status] || ['running', c.status];
    return el('p', { class: 'banner ' + say[0] }, say[1]);
  }

  async function act(verb, done) {
    try {
      await Herald.post(base + '/' + verb);
      Herald.say(message, done, true);
      await load();
    } catch (err) { Herald.say(message, err); }
  }

  async function cancel(list) {
    if (!confirm('Cancel the list ' + list.name + '? Its recipients not texted yet will not be texted.')) return;
    try {
      await Herald.post(base + '/lists/' + list.id + '/cancel');
      Herald.say(message, 'List cancelled: ' + list.name + '.', true);
      await load();
    } catch (err) { Herald.say(message, err); }
  }

  function listDetails(l) {
    const out = [];
    if (l.status === 'Refused') {
      out.push(el('span', { class: 'list-reason' }, l.reason || ''));
      if (l.errorLog) out.push(el('br'), el('a', { href: Herald.withAccount(l.errorLog), class: 'error-log', download: '' }, 'Download error log'));
    }
    if (l.jobId) out.push(el('a', { href: 'job.html?id=' + l.jobId }, 'Job ' + l.jobId));
    if (admin && LIVE.includes(l.status)) out.push(' ', el('button', { type: 'button', class: 'danger cancel-list',
      'aria-label': 'Cancel the list ' + l.name, onclick: () => cancel(l) }, 'Cancel'));
    return out;
  }

  function show(c) {
    document.querySelector('h1').textContent = c.name;
    document.title = c.name + ' · Herald';
    status.replaceChildren(banner(c));
    buttons.replaceChildren();
    if (admin) {
      if (c.state === 'active') buttons.append(el('button', { type: 'button', id: 'pause-campaign',
        onclick: () => act('pause', 'Campaign paused.') }, 'Pause'));
      if (c.state === 'paused') buttons.append(el('button', { type: 'button', class: 'primary', id: 'resume-campaign',
        onclick: () => act('resume', 'Campaign resumed.') }, 'Resume'));
      if (c.state !== 'archived') buttons.append(el('button', { type: 'button', class: 'danger', id: 'archive-campaign', onclick: () => {
        if (confirm('Archive ' + c.name + '? It sends nothing more, and its lists not sent yet are cancelled.')) act('archive', 'Campaign archived.');
      } }, 'Archive'));
    }
    details.replaceChildren(el('div', { class: 'table-wrap' }, el('table', {}, el('tbody', {},
      [['Description', c.description || '—'], ['Phone number', c.sender], ['Language', c.language],
        ['Answer', el('a', { href: 'answers.html' }, c.answerName || ('Answer ' + c.answerId))],
        ['Schedule', [el('span', { id: 'campaign-schedule' }, scheduleText(c.schedule)), el('span', { class: 'muted' }, ' (each recipient\'s own time)')]],
        ['Created', Herald.time(c.createdAt)]]
        .map(([k, v]) => el('tr', {}, el('th', { scope: 'row', style: 'width:10rem' }, k), el('td', {}, v)))))));
    counts.replaceChildren(...COUNTS.map(([key, label]) => el('div', { class: 'card' },
      el('div', { class: 'stat', 'data-stat': key }, n(c.counts && c.counts[key])), el('div', { class: 'stat-label' }, label))));
    const count = key => l => n(l.counts && l.counts[key]);
    lists.replaceChildren(Herald.table([
      { label: 'Created', value: l => Herald.time(l.createdAt) },
      { label: 'File name', value: l => l.name },
      { label: 'Outreach date', value: l => Herald.time(l.startAt) },
      { label: 'End', value: l => l.endAt ? Herald.time(l.endAt) : '—' },
      { label: 'Status', value: l => badge(l.status) },
      { label: 'Recipients', value: count('recipients') },
      { label: 'Sent', value: count('sent') },
      { label: 'Delivered', value: count('delivered') },
      { label: 'Failed', value: count('failed') },
      { label: 'Not contacted', value: count('notContacted') },
      { label: 'Replied', value: count('replied') },
      { label: 'Duplicates', value: l => n(l.duplicates) },
      { label: 'Details', value: listDetails },
    ], c.lists || [], 'No recipient lists yet.'));
    adding.hidden = !admin || c.state === 'archived';
    clearTimeout(timer);
    if ((c.lists || []).some(l => LIVE.includes(l.status))) timer = setTimeout(() => load().catch(() => {}), 5000);
  }

  function bars(hours) {
    if (!hours.length) return el('p', { class: 'muted' }, 'Nothing sent yet.');
    const most = Math.max(1, ...hours.map(h => h.sent || 0));
    const bar = (value, colour, label) => el('span', { title: label + ': ' + n(value),
      style: 'display:inline-block;height:.9rem;vertical-align:middle;background:' + colour + ';width:' + (100 * (value || 0) / most) + '%' });
    return [el('div', { class: 'legend' }, el('span', { style: '--c:var(--ok)' }, 'delivered'), el('span', { style: '--c:var(--bad)' }, 'failed'),
      el('span', { style: '--c:#4c8ee6' }, 'sent, no receipt yet')),
    Herald.table([
      { label: 'Hour', value: h => Herald.time(h.at) },
      { label: 'Sent', value: h => n(h.sent) },
      { label: 'Delivered', value: h => n(h.delivered) },
      { label: 'Failed', value: h => n(h.failed) },
      { label: 'Delivery', value: h => el('div', { style: 'min-width:12rem;white-space:nowrap', 'aria-hidden': 'true' },
        bar(h.delivered, 'var(--ok)', 'delivered'), bar(h.failed, 'var(--bad)', 'failed'),
        bar(Math.max(0, (h.sent || 0) - (h.delivered || 0) - (h.failed || 0)), '#4c8ee6', 'sent')) },
    ], hours)];
  }

  function addForm() {
    const file = el('input', { type: 'file', id: 'recipients-file', accept: '.csv,text/csv', required: true });
    const startAt = el('input', { type: 'datetime-local', id: 'outreach-at', 'data-field': 'startAt', required: true });
    const hasEnd = el('input', { type: 'checkbox', id: 'has-end' });
    const endAt = el('input', { type: 'datetime-local', id: 'end-at', 'data-field': 'endAt' });
    const endLabel = Herald.field('Outreach ends', endAt);
    endLabel.hidden = true;
    hasEnd.addEventListener('change', () => { endLabel.hidden = !hasEnd.checked; if (hasEnd.checked) endAt.focus(); });
    const result = el('div', { id: 'list-message', 'aria-live': 'polite' });
    const template = Herald.withAccount(base + '/lists/template.csv');
    const form = el('form', { class: 'stack', id: 'list-form', novalidate: true },
      el('p', {}, 'A CSV file with the columns timezone, phone_number and name, and one for each ~placeholder~ of the answer: ',
        el('a', { href: template, id: 'csv-template', download: 'campaign-' + id + '-template.csv' }, 'CSV Template'), '.'),
      Herald.field('Recipient list (CSV)', file),
      Herald.field('Outreach date and time (' + Herald.zoneName() + ')', startAt),
      el('label', { class: 'check' }, hasEnd, 'Should outreach end on a certain date/time?'),
      endLabel,
      result,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'save-list' }, 'Add recipients')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
      const invalid = (input, text) => { input.setAttribute('aria-invalid', 'true'); input.focus(); Herald.say(result, text); };
      if (!file.files.length) return invalid(file, 'Choose a CSV file first.');
      if (!startAt.value) return invalid(startAt, 'Choose the outreach date and time.');
      if (hasEnd.checked && !endAt.value) return invalid(endAt, 'Choose when outreach ends, or untick the end.');
      const f = file.files[0];
      const query = new URLSearchParams({ name: f.name, startAt: startAt.value });
      if (hasEnd.checked) query.set('endAt', endAt.value);
      const save = document.getElementById('save-list');
      save.disabled = true;
      result.replaceChildren(el('p', { class: 'muted' }, 'Reading ' + f.name + '…'));
      try {
        const response = await fetch(Herald.withAccount(base + '/lists?' + query), { method: 'POST', credentials: 'same-origin', body: f,
          headers: { 'Content-Type': 'text/csv', 'X-Requested-With': 'herald-ui', 'X-CSRF-Token': me.csrf } });
        const data = await response.json().catch(() => ({ error: 'upload failed (' + response.status + ')' }));
        if (response.status === 422) {
          refused(result, data);
          file.value = ''; // the fixed file is chosen again
        } else if (!response.ok) {
          const target = data.field && form.querySelector('[data-field="' + CSS.escape(data.field) + '"]');
          if (target) target.setAttribute('aria-invalid', 'true');
          throw new Herald.ApiError(response.status, data);
        } else {
          Herald.say(result, 'Recipients added: ' + plural(data.counts ? data.counts.recipients : 0, 'recipient')
            + ', outreach from ' + Herald.time(data.startAt) + '.' + (data.duplicates ? ' ' + plural(data.duplicates, 'duplicate') + ' left out.' : ''), true);
          form.reset();
          endLabel.hidden = true;
        }
        await load();
      } catch (err) {
        Herald.say(result, err);
      } finally {
        save.disabled = false;
      }
    });
    adding.replaceChildren(el('h2', { id: 'add-title' }, 'Add Recipients'), form);
  }

  /** A refused file: why, its error log, and the first rows at fault. */
  function refused(area, data) {
    const log = data.list && data.list.errorLog;
    area.replaceChildren(el('div', {}, el('div', { class: 'error', role: 'alert' },
      el('p', { style: 'margin:0' }, el('strong', {}, data.error), ': nothing of this file is sent. Fix the file and add it again.'),
      log ? el('p', { style: 'margin:.3rem 0 0' }, el('a', { href: Herald.withAccount(log), id: 'error-log', download: '' }, 'Download error log')) : null),
    (data.errors || []).length ? Herald.table([
      { label: 'Row', value: x => String(x.row) },
      { label: 'Reason', value: x => x.reason },
      { label: 'Line', value: x => el('code', { style: 'overflow-wrap:anywhere' }, x.line || '') },
    ], data.errors) : null));
  }

  async function load() {
    show(await Herald.get(base));
    try {
      activity.replaceChildren(...[bars((await Herald.get(base + '/activity')).hours || [])].flat());
    } catch (err) {
      activity.replaceChildren(Herald.errorBox(err));
    }
  }

  if (admin) addForm();
  await load();
});
