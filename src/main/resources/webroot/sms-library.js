'use strict';
// SMS Library: the saved messages broadcasts send, each with its name, text (~placeholders~ of the
// contact fields), sender, and how it goes on the wire. A message with errors is kept and shown
// with them; it cannot be sent until they are fixed.
Herald.page({ title: 'SMS Library' }, async main => {
  const { el } = Herald;
  const message = el('div', { id: 'library-message', 'aria-live': 'polite' });
  const list = el('div', { id: 'library' });
  const editor = el('section', { class: 'card', id: 'sms-editor', 'aria-labelledby': 'sms-editor-title', hidden: true });
  const newButton = el('button', { type: 'button', class: 'primary', id: 'new-sms', onclick: () => edit(null) }, 'New message');
  let messages = [];

  const [fieldList, senders] = await Promise.all([
    Herald.get('/api/v1/fields').then(r => (Array.isArray(r) ? r : r.fields) || []).catch(() => []),
    Herald.get('/api/v1/senders').then(r => r.senders || []).catch(() => null)]); // null: this role cannot list them
  const defaultSender = (senders || []).find(s => s.default);

  const plural = (k, word) => k + ' ' + word + (k === 1 ? '' : 's');
  const wire = m => plural(m.characters, m.encoding === 'GSM7' ? 'character' : 'UCS-2 unit') + ' · ' + m.encoding + ' · '
    + plural(m.parts, 'part');
  const senderName = s => s || ('the account\'s default sender' + (defaultSender ? ' (' + defaultSender.address + ')' : ''));

  main.append(el('p', { class: 'muted' }, 'Saved messages for broadcasts. ~firstName~ puts in the contact\'s first name, ~key~ any'
    + ' other contact field, and ~key|fallback~ the fallback when a contact has no value. A message with errors is kept,'
    + ' but cannot be sent until they are fixed.'),
  el('div', { class: 'actions' }, newButton, el('a', { href: 'broadcasts.html', style: 'align-self:center' }, 'On to Broadcasts')),
  editor, message, list);

  function errorsOf(m) {
    return el('div', { class: 'error sms-errors', role: 'note' }, el('strong', {}, 'With errors: '),
      m.errors.join('; '), el('br'), el('span', { style: 'font-size:.85rem' }, 'It cannot be sent until they are fixed.'));
  }

  function edit(sms) {
    const m = sms || { name: '', text: '', sender: null };
    const name = el('input', { id: 'sms-name', 'data-field': 'name', required: true, maxlength: 100, value: m.name });
    const text = el('textarea', { id: 'sms-text', 'data-field': 'text', rows: 5, maxlength: 2000, 'aria-describedby': 'sms-counter',
      placeholder: 'Hi ~firstName~, school is closed on Friday. Reply STOP to opt out.' }, m.text);
    const counter = el('p', { class: 'counter', id: 'sms-counter', 'aria-live': 'polite' });
    let sender;
    if (senders) {
      sender = el('select', { id: 'sms-sender', 'data-field': 'sender' },
        el('option', { value: '' }, 'The account\'s default sender' + (defaultSender ? ' (' + defaultSender.address + ')' : '')),
        senders.map(s => el('option', { value: s.address, selected: s.address === m.sender }, s.address)));
      if (m.sender && !senders.some(s => s.address === m.sender)) {
        sender.append(el('option', { value: m.sender, selected: true }, m.sender + ' (no longer a sender)'));
      }
    } else {
      sender = el('input', { id: 'sms-sender', 'data-field': 'sender', maxlength: 16, value: m.sender || '',
        placeholder: 'empty: the account\'s default sender' });
    }
    const result = el('div', { id: 'sms-result', 'aria-live': 'polite' });
    const count = () => {
      const w = Sms.measure(text.value);
      counter.textContent = plural(w.length, w.encoding === 'GSM7' ? 'character' : 'UCS-2 unit') + ' · ' + w.encoding + ' · '
        + plural(w.segments, 'part') + ' (' + w.perPart + ' per part; a placeholder counts as typed, the contact\'s value may be longer)';
      counter.dataset.encoding = w.encoding;
      counter.dataset.parts = w.segments;
    };
    text.addEventListener('input', count);
    count();
    const insert = key => {
      const at = text.selectionStart ?? text.value.length;
      const tag = '~' + key + '~';
      text.value = text.value.slice(0, at) + tag + text.value.slice(text.selectionEnd ?? at);
      text.focus();
      text.selectionStart = text.selectionEnd = at + tag.length;
      count();
    };
    const placeholders = fieldList.length ? el('p', { class: 'muted', id: 'sms-placeholders', style: 'margin:0' }, 'Insert a field: ',
      fieldList.map(f => [el('button', { type: 'button', class: 'insert-field', 'data-key': f.key, title: f.label,
        style: 'padding:.1rem .4rem;font-size:.85rem;margin:0 .25rem .25rem 0', onclick: () => insert(f.key) }, '~' + f.key + '~')])) : null;
    const form = el('form', { class: 'stack', id: 'sms-form', novalidate: true },
      Herald.field('Name', name),
      Herald.field('Text', text), counter, placeholders,
      Herald.field('Sender', sender),
      sms && sms.withErrors ? errorsOf(sms) : null,
      result,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'save-sms' }, sms ? 'Save message' : 'Add message'),
        el('button', { type: 'button', id: 'cancel-sms', onclick: close }, 'Cancel')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
      message.replaceChildren();
      if (!name.value.trim()) {
        name.setAttribute('aria-invalid', 'true');
        name.focus();
        return Herald.say(result, 'Name the message.');
      }
      const body = { name: name.value.trim(), text: text.value, sender: sender.value.trim() || null };
      const save = document.getElementById('save-sms');
      save.disabled = true;
      try {
        const saved = sms ? await Herald.put('/api/v1/sms/' + sms.id, body) : await Herald.post('/api/v1/sms', body);
        await load();
        if (saved.withErrors) {
          edit(saved); // kept open, with what is wrong, to fix it
          Herald.say(document.getElementById('sms-result'), 'Saved "' + saved.name + '", but it has errors: it cannot be sent'
            + ' until they are fixed.');
        } else {
          close();
          Herald.say(message, (sms ? 'Message saved: ' : 'Message added: ') + saved.name + ' (' + wire(saved) + ').', true);
        }
      } catch (err) {
        save.disabled = false;
        Herald.say(result, err);
        const target = err.body && err.body.field && form.querySelector('[data-field="' + CSS.escape(err.body.field) + '"]');
        if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
      }
    });
    editor.replaceChildren(el('h2', { id: 'sms-editor-title', style: 'margin-top:0' }, sms ? 'Edit ' + sms.name : 'New message'), form);
    editor.hidden = false;
    newButton.setAttribute('aria-expanded', 'true');
    name.focus();
  }

  function close() {
    editor.hidden = true;
    editor.replaceChildren();
    newButton.setAttribute('aria-expanded', 'false');
  }

  async function remove(m) {
    if (!confirm('Delete the message "' + m.name + '"? A broadcast not yet confirmed with it can no longer be sent.')) return;
    try {
      await Herald.del('/api/v1/sms/' + m.id);
      Herald.say(message, 'Message deleted: ' + m.name + '.', true);
      if (!editor.hidden && document.getElementById('sms-editor-title').textContent === 'Edit ' + m.name) close();
      await load();
    } catch (err) { Herald.say(message, err); }
  }

  async function load() {
    messages = (await Herald.get('/api/v1/sms')).messages || [];
    list.replaceChildren(Herald.table([
      { label: 'Name', value: m => el('strong', {}, m.name) },
      { label: 'Text', value: m => [el('span', { class: 'sms-text', style: 'white-space:pre-wrap;overflow-wrap:anywhere' }, m.text || ''),
        m.withErrors ? errorsOf(m) : null] },
      { label: 'Sender', value: m => senderName(m.sender) },
      { label: 'Length', value: m => el('span', { class: 'counter' }, wire(m)) },
      { label: 'Status', value: m => m.withErrors ? el('span', { class: 'status bad', style: 'white-space:nowrap' }, 'With errors')
        : el('span', { class: 'status ok', style: 'white-space:nowrap' }, 'Ready to send') },
      { label: 'Actions', value: m => el('div', { class: 'actions', style: 'flex-wrap:nowrap;margin:0' },
        el('button', { type: 'button', class: 'edit-sms', 'aria-label': 'Edit ' + m.name, onclick: () => edit(m) }, 'Edit'),
        el('button', { type: 'button', class: 'danger delete-sms', 'aria-label': 'Delete ' + m.name, onclick: () => remove(m) }, 'Delete'),
        m.withErrors ? null : el('a', { class: 'send-sms', href: 'broadcasts.html?sms=' + m.id, style: 'align-self:center;white-space:nowrap',
          'aria-label': 'Broadcast ' + m.name }, 'Broadcast…')) },
    ], messages, 'No saved messages yet: add the first one with New message.'));
    list.querySelectorAll('tbody tr').forEach((tr, i) => {
      tr.dataset.id = messages[i].id;
      tr.classList.toggle('with-errors', !!messages[i].withErrors);
    });
  }

  await load();
  if (!messages.length) edit(null);
});
