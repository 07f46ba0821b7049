'use strict';
// The Send page of a new broadcast: a saved message, all contacts or some groups, the phone field,
// one text per contact or per number, now or later; Save draft, Count, and Prepare mailing (the
// compliance window). A change of choices changes the draft in place.
const BroadcastSendForm = (() => {
  const { el } = Herald;

  /** Date and time parts of a moment in a time zone. */
  function parts(date, zone) {
    const p = {};
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', hourCycle: 'h23' }).formatToParts(date).forEach(x => { p[x.type] = x.value; });
    return p;
  }
  /** Tomorrow at 10:00 in the zone, as a datetime-local value. */
  function tomorrowAtTen(zone) {
    const p = parts(new Date(), zone);
    const d = new Date(p.year + '-' + p.month + '-' + p.day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10) + 'T10:00';
  }

  function build(ctx) {
    const account = Herald.zoneName();
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zones = [...new Set([account, browser, 'UTC'].concat(Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : []))]
      .filter(Boolean).sort();
    const message = el('div', { id: 'send-message', 'aria-live': 'polite' });
    const result = el('div', { id: 'count-result', 'aria-live': 'polite' });
    let draft = null; // {id, key}: the draft these choices made

    const sms = el('select', { id: 'b-sms', 'data-field': 'sms', 'aria-describedby': 'b-sms-text' });
    const smsText = el('div', { id: 'b-sms-text', class: 'muted', style: 'white-space:pre-wrap;overflow-wrap:anywhere' });
    const radio = (name, value, id, checked) => el('input', { type: 'radio', name, value, id, checked });
    const all = radio('audience', 'all', 'b-all', true);
    const some = radio('audience', 'groups', 'b-groups', false);
    const available = el('select', { id: 'b-available', multiple: true, size: 6, 'aria-label': 'Available groups' });
    const selected = el('select', { id: 'b-selected', multiple: true, size: 6, 'aria-label': 'Selected groups', 'data-field': 'groups' });
    const move = (from, to) => {
      const chosen = [...from.selectedOptions];
      chosen.forEach(o => { o.selected = false; to.append(o); });
      [...to.options].sort((a, b) => a.text.localeCompare(b.text)).forEach(o => to.append(o));
      changed();
    };
    const picker = el('div', { class: 'group-picker', id: 'b-group-picker', hidden: true },
      el('label', {}, 'Available groups', available),
      el('div', { class: 'moves' },
        el('button', { type: 'button', id: 'b-add', onclick: () => move(available, selected) }, 'Add →'),
        el('button', { type: 'button', id: 'b-remove', onclick: () => move(selected, available) }, '← Remove')),
      el('label', {}, 'Selected groups', selected));
    available.addEventListener('dblclick', () => move(available, selected));
    selected.addEventListener('dblclick', () => move(selected, available));
    const phone = el('select', { id: 'b-phone-field', 'data-field': 'phoneField' },
      ctx.fields.filter(f => f.type === 'phone').map(f => el('option', { value: f.key },
        f.key === 'phone' ? 'Phone (the contact\'s phone number)' : f.label + ' (' + f.key + ')')));
    const perNumber = radio('duplicates', 'perNumber', 'b-per-number', true);
    const perContact = radio('duplicates', 'perContact', 'b-per-contact', false);
    const now = radio('when', 'now', 'b-now', true);
    const later = radio('when', 'later', 'b-later', false);
    const sendAt = el('input', { type: 'datetime-local', id: 'b-send-at', 'data-field': 'sendAt' });
    const zone = el('select', { id: 'b-zone', 'data-field': 'timeZone' }, zones.map(z => el('option', { value: z, selected: z === account },
      z + (z === account ? ' (account)' : '') + (z === browser && z !== account ? ' (this browser)' : ''))));
    const refresh = el('input', { type: 'checkbox', id: 'b-refresh' });
    const laterBox = el('div', { class: 'rows', id: 'b-later-box', hidden: true },
      el('div', { class: 'row' }, Herald.field('Send at', sendAt), Herald.field('Time zone', zone)),
      el('label', { class: 'check' }, refresh, 'Refresh the recipient list at send time (the groups as they are then, not now)'));
    const buttons = {
      save: el('button', { type: 'button', id: 'save-draft', onclick: () => step('save') }, 'Save draft'),
      count: el('button', { type: 'button', id: 'count', onclick: () => step('count') }, 'Count recipients'),
      prepare: el('button', { type: 'button', class: 'primary', id: 'prepare', onclick: () => step('prepare') }, 'Prepare mailing'),
    };

    function fillMessages(chosen) {
      const ready = ctx.messages.filter(m => !m.withErrors);
      const pick = chosen && ready.some(m => m.id === chosen) ? chosen : (ready[0] || {}).id;
      sms.replaceChildren(...(ctx.messages.length ? [] : [el('option', { value: '' }, 'No saved message yet')]),
        ...ctx.messages.map(m => el('option', { value: m.id, disabled: m.withErrors, selected: m.id === pick },
          m.name + (m.withErrors ? ' (with errors: cannot be sent)' : ''))));
      showText();
    }
    function showText() {
      const m = ctx.messages.find(x => String(x.id) === sms.value);
      smsText.replaceChildren(...(m ? [m.text].concat(m.sender ? [el('div', {}, 'From ' + m.sender)] : []) : []));
    }
    function fillGroups() {
      const label = g => g.name + ' (' + BroadcastUi.plural(g.contacts, 'contact') + ')';
      available.replaceChildren(...ctx.groups.map(g => el('option', { value: g.id }, label(g))));
      selected.replaceChildren();
    }

    function changed() {
      picker.hidden = !some.checked;
      laterBox.hidden = !later.checked;
      if (later.checked && !sendAt.value) sendAt.value = tomorrowAtTen(zone.value);
      result.replaceChildren();
      form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
    }

    /** The draft as the API takes it, or null (and why) when something is missing. */
    function body() {
      const invalid = (input, text) => { input.setAttribute('aria-invalid', 'true'); input.focus(); Herald.say(message, text); return null; };
      const m = ctx.messages.find(x => String(x.id) === sms.value);
      if (!m) return invalid(sms, 'Choose a saved message: write one in the SMS Library first.');
      if (m.withErrors) return invalid(sms, 'The message "' + m.name + '" has errors: ' + m.errors.join('; '));
      const b = { sms: m.id, audience: some.checked ? 'groups' : 'all', phoneField: phone.value || 'phone',
        duplicates: perContact.checked ? 'perContact' : 'perNumber' };
      if (some.checked) {
        b.groups = [...selected.options].map(o => Number(o.value));
        if (!b.groups.length) return invalid(selected, 'Choose one or more groups (select them and press Add), or send to all contacts.');
      }
      if (later.checked) {
        if (!sendAt.value) return invalid(sendAt, 'Choose when it is sent, or send it now.');
        Object.assign(b, { sendAt: sendAt.value, timeZone: zone.value, refresh: refresh.checked });
      }
      return b;
    }

    /** The draft of these choices: made when there is none yet, changed in place when the choices changed. */
    async function ensureDraft(b) {
      const key = JSON.stringify(b);
      const still = draft && (ctx.broadcasts.find(x => x.id === draft.id) || {}).status === 'draft';
      if (still && draft.key === key) return draft.id;
      const saved = still ? await Herald.put('/api/v1/broadcasts/' + draft.id, b) : await Herald.post('/api/v1/broadcasts', b);
      draft = { id: saved.id, key };
      await ctx.changed();
      return saved.id;
    }

    async function step(what) {
      message.replaceChildren();
      const b = body();
      if (!b) return;
      Object.values(buttons).forEach(x => { x.disabled = true; });
      try {
        const id = await ensureDraft(b);
        if (what === 'save') {
          Herald.say(message, 'Draft saved: broadcast ' + id + '. Count the recipients or prepare the mailing next;'
            + ' the draft stays in the list below.', true);
        } else if (what === 'count') {
          const count = await Herald.post('/api/v1/broadcasts/' + id + '/count');
          result.replaceChildren(el('div', { class: 'card', style: 'margin:0' }, BroadcastUi.countView(count)));
          await ctx.changed();
        } else {
          const prepared = await Herald.post('/api/v1/broadcasts/' + id + '/prepare');
          await ctx.changed();
          BroadcastUi.compliance(ctx, id, prepared, () => reset());
        }
      } catch (err) {
        Herald.say(message, err);
        const target = err.body && err.body.field && form.querySelector('[data-field="' + CSS.escape(err.body.field) + '"]');
        if (target) target.setAttribute('aria-invalid', 'true');
      } finally {
        Object.values(buttons).forEach(x => { x.disabled = false; });
      }
    }

    function reset() {
      draft = null;
      form.reset();
      fillMessages(null);
      fillGroups();
      sendAt.value = '';
      changed();
      message.replaceChildren();
      card.hidden = true;
    }

    const form = el('form', { class: 'stack', id: 'broadcast-form', novalidate: true },
      Herald.field('Message from the SMS Library', sms), smsText,
      el('p', { class: 'muted', style: 'margin:0' }, el('a', { href: 'sms-library.html' }, 'Write or fix messages in the SMS Library')),
      el('fieldset', { id: 'b-recipients' }, el('legend', {}, 'Recipients'),
        el('label', { class: 'check' }, all, 'All contacts'),
        el('label', { class: 'check' }, some, 'Groups (a contact in more than one of them gets one text)'),
        picker),
      Herald.field('Phone field (where each contact\'s number is)', phone),
      el('fieldset', { id: 'b-duplicates' }, el('legend', {}, 'Contacts who share a number'),
        el('label', { class: 'check' }, perNumber, 'One text per number (a shared number gets one text)'),
        el('label', { class: 'check' }, perContact, 'One text per contact (a shared number gets one text for each contact)')),
      el('fieldset', { id: 'b-when' }, el('legend', {}, 'When'),
        el('label', { class: 'check' }, now, 'Now, as soon as it is approved'),
        el('label', { class: 'check' }, later, 'Later'),
        laterBox),
      message,
      el('div', { class: 'actions' }, buttons.save, buttons.count, buttons.prepare),
      result);
    form.addEventListener('change', e => { if (e.target === sms) showText(); changed(); });
    form.addEventListener('submit', e => { e.preventDefault(); step('prepare'); });
    zone.addEventListener('change', () => { if (later.checked) sendAt.value = sendAt.value || tomorrowAtTen(zone.value); });

    const card = el('section', { class: 'card', id: 'new-broadcast-card', 'aria-labelledby': 'new-broadcast-title', hidden: true },
      el('h2', { id: 'new-broadcast-title', style: 'margin-top:0' }, 'New broadcast'), form);
    fillMessages(Number(Herald.param('sms')) || null);
    fillGroups();

    return {
      card,
      open(smsId) {
        if (smsId) { fillMessages(smsId); changed(); }
        card.hidden = false;
        sms.focus();
      },
      close() { card.hidden = true; },
      refill() { const keep = Number(sms.value) || null; fillMessages(keep); },
    };
  }

  return { build };
})();
