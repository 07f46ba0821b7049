'use strict';
// How a broadcast is shown (its status in words, audience, count, checks, result), and its window:
// the compliance checks before it is confirmed, and its details with approve, reject and cancel.
const BroadcastUi = (() => {
  const { el } = Herald;
  const STATUS = { draft: 'Draft', 'awaiting approval': 'Awaiting approval', approved: 'Approved', scheduled: 'Approved · scheduled',
    sending: 'Sending',
    completed: 'Completed', rejected: 'Rejected', cancelled: 'Cancelled' };
  const LEFT_OUT = [['notInAnyGroup', 'in none of the chosen groups'], ['optedOut', 'opted out'],
    ['noValidNumber', 'without a valid number in the phone field'],
    ['duplicateNumber', 'sharing a number that already gets the text (one text per number)'],
    ['missingValue', 'without a value for a placeholder of the message']];
  const CHECKS = { optOut: 'Opt-out instructions', senderIdentified: 'Sender identified', sendingHours: 'Sending hours',
    segments: 'Encoding and parts', total: 'Segments and cost', links: 'Links' };
  const RESULTS = { pass: ['Pass', 'ok'], warn: ['Warning', 'warn'], fail: ['Fail', 'bad'] };
  const ACTIONS = { created: 'Draft created', confirmed: 'Confirmed and prepared', approved: 'Approved', rejected: 'Rejected',
    cancelled: 'Cancelled', sending: 'Sending', 'not sent': 'Not sent' };
  const LIVE = ['approved', 'sending', 'scheduled'];
  const n = v => (v || 0).toLocaleString('en');
  const plural = (k, word) => n(k) + ' ' + word + (k === 1 ? '' : 's');
  let timer = null;

  const statusText = b => (b.status === 'draft' && b.checks ? 'Preparing' : STATUS[b.status] || b.status);
  const badge = b => el('span', { class: 'status broadcast-status ' + ({ completed: 'ok', rejected: 'bad', cancelled: 'bad',
    'awaiting approval': 'warn' }[b.status] || ''), 'data-status': b.status }, statusText(b));

  function timeIn(iso, zone) {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit',
      minute: '2-digit' }).format(new Date(iso)) + ' (' + zone + ')';
  }
  const when = b => (b.sendAt ? timeIn(b.sendAt, b.timeZone) + (b.refresh ? ', with the recipients found again at send time' : '')
    : 'Now, when approved');

  function messageName(ctx, b) {
    const m = ctx.messages.find(x => x.id === b.sms);
    return m ? m.name : b.sms ? 'Message ' + b.sms : 'A message deleted from the SMS Library';
  }

  function audience(ctx, b) {
    if (b.audience === 'all') return 'All contacts';
    return 'Groups: ' + (b.groups || []).map(id => (ctx.groups.find(g => g.id === id) || {}).name || 'group ' + id + ' (deleted)').join(', ');
  }

  function phoneField(ctx, key) {
    if (!key || key === 'phone') return 'Phone';
    const f = ctx.fields.find(x => x.key === key);
    return (f ? f.label : key) + ' (' + key + ')';
  }

  function countView(count) {
    if (!count) return null;
    const left = LEFT_OUT.filter(([k]) => count.leftOut && count.leftOut[k] > 0);
    return el('div', { class: 'broadcast-count' },
      el('p', { class: 'recipients', style: 'margin:.2rem 0' }, el('strong', {}, plural(count.recipients, 'recipient')),
        count.recipients ? ' get this text' : ': nobody would get this text'),
      left.length ? el('div', {}, el('p', { style: 'margin:.2rem 0' }, 'Left out:'), el('ul', { class: 'left-out', style: 'margin-top:0' },
        left.map(([k, words]) => el('li', { 'data-reason': k }, plural(count.leftOut[k], 'contact') + ' ' + words))))
        : el('p', { class: 'muted left-out', style: 'margin:.2rem 0' }, 'Nobody is left out.'));
  }

  function samplesView(samples) {
    if (!samples || !samples.length) return null;
    return el('div', { class: 'samples' }, el('h3', {}, 'Sample texts, as recipients get them'),
      el('ul', { style: 'margin-top:0' }, samples.map(s => el('li', {}, el('span', { class: 'muted' }, s.to + ': '),
        el('span', { class: 'sample-text', style: 'white-space:pre-wrap;overflow-wrap:anywhere' }, s.text)))));
  }

  function checksView(checks, settings) {
    const rows = checks.checks || [];
    const table = Herald.table([
      { label: 'Check', value: c => CHECKS[c.name] || c.name },
      { label: 'Result', value: c => el('span', { class: 'status check-result ' + (RESULTS[c.result] || ['', ''])[1],
        'data-result': c.result }, (RESULTS[c.result] || [c.result])[0]) },
      { label: 'Detail', value: c => c.detail },
    ], rows, 'No checks.');
    table.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.check = rows[i].name; });
    const total = rows.find(c => c.name === 'total');
    const recipients = checks.count ? checks.count.recipients : 0;
    const priced = settings && settings.pricePerSegment !== null && settings.pricePerSegment !== undefined;
    return el('div', { class: 'checks' }, table, el('p', { class: 'estimate' }, el('strong', {}, 'Estimated: '),
      total ? total.detail : plural(checks.segments, 'segment') + ' to ' + plural(recipients, 'recipient'),
      priced ? ' (' + settings.pricePerSegment + ' a segment)' : ' · no price per segment is set, so no cost estimate'));
  }

  function resultView(b) {
    const p = b.progress;
    if (!p) return b.status === 'approved' ? el('p', { class: 'muted broadcast-queued', style: 'margin:.2rem 0' }, 'Approved: queuing the texts…') : null;
    if (!p.line) {
      return el('div', { class: 'broadcast-result' }, el('progress', { max: 100, value: Math.round((p.progress || 0) * 100),
        'aria-label': 'Progress of broadcast ' + b.id }), el('span', { class: 'muted', style: 'font-size:.85rem' },
        n(p.sent) + ' of ' + n((p.sent || 0) + (p.pending || 0) + (p.failed || 0)) + ' sent' + (p.failed ? ' · ' + n(p.failed) + ' failed' : '')));
    }
    const report = Herald.withAccount('/api/v1/jobs/' + b.jobId + '/report.csv');
    return el('div', { class: 'broadcast-result' },
      el('p', { class: 'banner broadcast-line ' + (p.line.ok ? 'ok' : 'bad'), style: 'font-size:.95rem;padding:.35rem .6rem;margin:.2rem 0' },
        p.line.text),
      el('span', { style: 'font-size:.85rem' }, el('a', { class: 'report', href: report, download: 'broadcast-' + b.id + '.csv' }, 'Report'),
        p.failed ? [' · ', el('a', { class: 'failure-report', href: report + (report.includes('?') ? '&' : '?') + 'failed=true',
          download: 'broadcast-' + b.id + '-failed.csv' }, 'Failure report')] : null,
        ' · ', el('a', { href: 'job.html?id=' + b.jobId }, 'Job ' + b.jobId)));
  }

  const trail = events => el('div', { id: 'audit-trail' }, Herald.table([
    { label: 'When', value: e => Herald.time(e.at) },
    { label: 'Who', value: e => e.by || 'Herald' },
    { label: 'What', value: e => ACTIONS[e.action] || e.action },
    { label: 'Detail', value: e => e.detail || '' },
  ], events, 'Nothing yet.'));

  function show(ctx) {
    if (!ctx.dialog.open) ctx.dialog.showModal();
    const title = ctx.dialog.querySelector('h2');
    if (title && !ctx.dialog.contains(document.activeElement)) title.focus();
  }

  function close(ctx) {
    clearTimeout(timer);
    if (ctx.dialog.open) ctx.dialog.close();
    if (Herald.param('id')) history.replaceState(null, '', location.pathname);
  }

  /** Opens the broadcast's window; keep: what the window said stays (a refresh while it is open). */
  async function open(ctx, id, keep) {
    try {
      details(ctx, await Herald.get('/api/v1/broadcasts/' + id), keep);
    } catch (err) {
      ctx.say(err);
    }
  }

  function details(ctx, b, keep) {
    clearTimeout(timer);
    const area = el('div', { id: 'window-message', 'aria-live': 'polite' });
    const said = keep && document.getElementById('window-message');
    if (said) area.append(...said.childNodes);
    const text = b.text || (ctx.messages.find(m => m.id === b.sms) || {}).text || '';
    const facts = [
      ['Message', [el('strong', {}, messageName(ctx, b)), el('div', { class: 'broadcast-text', style: 'white-space:pre-wrap;overflow-wrap:anywhere' }, text),
        b.text ? null : el('span', { class: 'muted', style: 'font-size:.85rem' }, 'As in the SMS Library now: confirming freezes it.')]],
      ['Sender', (b.checks && b.checks.sender) || b.sender || 'The account\'s default sender'],
      ['Recipients', audience(ctx, b)],
      ['Phone field', phoneField(ctx, b.phoneField)],
      ['Duplicates', b.duplicates === 'perContact' ? 'One text per contact' : 'One text per number'],
      ['When', when(b)],
      ['Created', Herald.time(b.createdAt) + (b.createdBy ? ' by ' + b.createdBy : '')]];
    if (b.preparedBy) facts.push(['Prepared', el('span', { id: 'prepared-by' }, b.preparedBy + ', ' + Herald.time(b.preparedAt))]);
    if (b.decidedBy) facts.push([b.status === 'rejected' ? 'Rejected' : 'Approved', b.decidedBy + ', ' + Herald.time(b.decidedAt)]);
    const last = (b.events || [])[(b.events || []).length - 1];
    ctx.dialog.replaceChildren(el('div', { id: 'broadcast-details', 'data-id': b.id },
      el('h2', { id: 'window-title', tabindex: '-1', style: 'margin-top:0' }, 'Broadcast ' + b.id + ': ' + messageName(ctx, b) + ' ', badge(b)),
      b.status === 'rejected' ? el('p', { class: 'banner bad', id: 'reject-reason' }, 'Rejected' + (b.decidedBy ? ' by ' + b.decidedBy : '')
        + ': ' + (b.rejectReason || '')) : null,
      b.status === 'awaiting approval' && last && last.action === 'not sent'
        ? el('p', { class: 'banner bad', id: 'not-sent' }, 'Not sent: ' + last.detail + '.') : null,
      resultView(b),
      el('div', { class: 'table-wrap' }, el('table', { id: 'broadcast-facts' }, el('tbody', {}, facts.map(([k, v]) =>
        el('tr', {}, el('th', { scope: 'row', style: 'width:8rem' }, k), el('td', {}, v)))))),
      b.counts ? [el('h3', {}, 'Count'), countView(b.counts), samplesView(b.counts.samples)] : null,
      b.checks ? [el('h3', {}, 'Compliance checks'), checksView(b.checks, ctx.settings)] : null,
      el('h3', {}, 'Audit trail'), trail(b.events || []),
      el('div', { class: 'window-foot' }, area, actions(ctx, b, area))));
    show(ctx);
    if (LIVE.includes(b.status)) { // a scheduled one changes only when its time comes
      timer = setTimeout(() => { if (ctx.dialog.open) open(ctx, b.id, true).then(() => ctx.changed()); },
        b.status === 'scheduled' ? 30000 : 3000);
    }
  }

  function actions(ctx, b, area) {
    const bar = el('div', { class: 'actions', id: 'window-actions' });
    const wrap = el('div', {}, bar);
    const base = '/api/v1/broadcasts/' + b.id;
    const busy = on => bar.querySelectorAll('button').forEach(x => { x.disabled = on; });
    const act = async (verb, done, body) => {
      busy(true);
      try {
        const after = await Herald.post(base + '/' + verb, body);
        await ctx.changed();
        details(ctx, after);
        Herald.say(document.getElementById('window-message'), done(after), true);
      } catch (err) {
        busy(false);
        Herald.say(area, err);
      }
    };
    const button = (id, label, onclick, cls) => el('button', { type: 'button', id, class: cls || null, onclick }, label);
    if (b.status === 'draft') {
      bar.append(button('window-count', 'Count recipients', async () => {
        busy(true);
        try { await Herald.post(base + '/count'); await ctx.changed(); await open(ctx, b.id); } catch (err) { busy(false); Herald.say(area, err); }
      }), button('window-prepare', 'Prepare mailing', async () => {
        busy(true);
        try { compliance(ctx, b.id, await Herald.post(base + '/prepare')); await ctx.changed(); } catch (err) { busy(false); Herald.say(area, err); }
      }, 'primary'));
    }
    if (b.status === 'awaiting approval') {
      if (ctx.admin) {
        const reason = el('textarea', { id: 'reject-reason-input', 'data-field': 'reason', rows: 3, style: 'min-height:4rem',
          placeholder: 'What to change, e.g. say which Friday' });
        const box = el('div', { class: 'rows', id: 'reject-box', hidden: true, style: 'margin:.5rem 0' },
          Herald.field('Why is it rejected? The one who prepared it is told.', reason),
          el('div', { class: 'actions' }, button('confirm-reject', 'Reject broadcast', () => {
            reason.removeAttribute('aria-invalid');
            if (!reason.value.trim()) {
              reason.setAttribute('aria-invalid', 'true');
              reason.focus();
              return Herald.say(area, 'Give a reason: a broadcast is rejected with one, for the one who prepared it to read.');
            }
            act('reject', () => 'Rejected: ' + (b.preparedBy || 'the one who prepared it') + ' is told why.', { reason: reason.value.trim() });
          }, 'danger'), button('keep-broadcast', 'Back', () => { box.hidden = true; area.replaceChildren(); })));
        bar.append(button('approve', b.sendAt ? 'Approve (sent at its time)' : 'Approve and send', () => act('approve', after =>
          after.status === 'scheduled' ? 'Approved: it goes out ' + when(after) + '.' : 'Approved: the texts are going out.'), 'primary'),
        button('reject', 'Reject…', () => { box.hidden = false; reason.focus(); }, 'danger'));
        if (ctx.settings && ctx.settings.fourEyes && b.preparedBy && b.preparedBy.toLowerCase() === ctx.me.email.toLowerCase()) {
          wrap.prepend(el('p', { class: 'muted', id: 'four-eyes-note' }, 'Four-eyes is on: you prepared it, so another admin approves it.'));
        }
        wrap.append(box);
      } else {
        wrap.prepend(el('p', { class: 'muted', id: 'awaits-admin' }, 'It awaits approval: an account admin approves or rejects it.'));
      }
    }
    if (['draft', 'awaiting approval', 'approved', 'scheduled'].includes(b.status)) {
      bar.append(button('cancel-broadcast', 'Cancel broadcast', () => {
        if (confirm('Cancel broadcast ' + b.id + '? Nothing of it is sent.')) act('cancel', () => 'Broadcast ' + b.id + ' cancelled: nothing was sent.');
      }, 'danger'));
    }
    bar.append(button('close-window', 'Close', () => close(ctx)));
    return wrap;
  }

  /** The compliance window: each check, the estimate, and Confirm and prepare unless a check failed. */
  function compliance(ctx, id, prepared, confirmed) {
    clearTimeout(timer);
    const area = el('div', { id: 'window-message', 'aria-live': 'polite' });
    const recipients = prepared.count ? prepared.count.recipients : 0;
    const failed = (prepared.checks || []).filter(c => c.result === 'fail');
    const warned = (prepared.checks || []).filter(c => c.result === 'warn');
    const blocked = !prepared.passed || recipients === 0;
    const go = el('button', { type: 'button', class: 'primary', id: 'confirm-prepare', disabled: blocked,
      title: blocked ? 'A check failed or nobody would get it' : null, onclick: async () => {
        go.disabled = true;
        try {
          const after = await Herald.post('/api/v1/broadcasts/' + id + '/confirm');
          if (confirmed) confirmed(after);
          await ctx.changed();
          details(ctx, after);
          Herald.say(document.getElementById('window-message'), 'Confirmed and prepared: broadcast ' + id
            + ' awaits approval by an account admin.', true);
        } catch (err) {
          go.disabled = blocked;
          Herald.say(area, err);
        }
      } }, 'Confirm and prepare');
    ctx.dialog.replaceChildren(el('div', { id: 'compliance', 'data-id': id },
      el('h2', { id: 'window-title', tabindex: '-1', style: 'margin-top:0' }, 'Prepare mailing: broadcast ' + id),
      el('p', { class: 'muted' }, 'The mailing standards it is checked against: a failed check blocks it, a warning is for you to'
        + ' judge. Confirming freezes the message and the recipients and asks an account admin to approve it.'),
      countView(prepared.count), samplesView(prepared.count && prepared.count.samples),
      el('h3', {}, 'Compliance checks'), checksView(prepared, ctx.settings),
      failed.length ? el('p', { class: 'error', id: 'compliance-verdict' }, 'A check failed: ' + failed.map(c => c.detail).join('; ')
        + '. Fix it and prepare the mailing again.')
        : recipients === 0 ? el('p', { class: 'error', id: 'compliance-verdict' }, 'Nobody would get it: choose other recipients.')
          : el('p', { class: 'notice', id: 'compliance-verdict' }, 'Every check passed' + (warned.length ? ', with '
            + plural(warned.length, 'warning') + ' to judge' : '') + '.'),
      el('div', { class: 'window-foot' }, area,
        el('div', { class: 'actions' }, go, el('button', { type: 'button', id: 'close-window', onclick: () => close(ctx) }, 'Close')))));
    show(ctx);
  }

  return { badge, statusText, audience, messageName, countView, resultView, when, open, compliance, close, plural, LIVE };
})();
