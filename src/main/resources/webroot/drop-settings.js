'use strict';
// Drop & Go settings: the account's drop profiles (account admins), in the order of the settings
// guide: required fields, delivery settings, custom fields, multiple phone fields; then the FTP
// site to drop files on, and a file check (dry run) before sending a file from the browser.
Herald.page({ title: 'Drop & Go Settings', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  const message = el('div', { id: 'drop-message', 'aria-live': 'polite' });
  const list = el('div', { id: 'profiles' });
  const formCard = el('section', { class: 'card', id: 'profile-editor', 'aria-labelledby': 'editor-title' });
  const uploadCard = el('section', { class: 'card', id: 'upload', 'aria-labelledby': 'upload-title' });
  let profiles = [];

  const r = await Herald.get('/api/v1/drop-profiles');
  if (!r.dropAndGo) {
    main.append(el('p', { class: 'muted', id: 'drop-off' },
      'Drop & Go is not turned on for this account. Ask support to turn it on; this page then lets you set it up.'));
    return;
  }
  main.append(message, list,
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', id: 'new-profile', onclick: () => edit(null) }, 'New drop profile')),
    formCard, uploadCard);

  /** A column is a position (1 for the first) or a header's text. */
  const column = value => { const v = value.trim(); return v === '' ? null : /^\d+$/.test(v) ? Number(v) : v; };
  const shown = value => value === null || value === undefined ? '' : String(value);

  function input(id, fieldName, attrs) {
    return el('input', Object.assign({ id, 'data-field': fieldName }, attrs || {}));
  }

  /** A list of rows (custom fields, phone columns) with add and remove buttons. */
  function rowList(id, makeRow, addLabel) {
    const box = el('div', { id, class: 'rows' });
    let next = 0;
    const add = values => {
      const row = makeRow(values || {}, next++);
      row.append(el('button', { type: 'button', class: 'danger', onclick: () => row.remove() }, 'Remove'));
      box.append(row);
    };
    return { box, add, button: el('button', { type: 'button', id: id + '-add', onclick: () => { add(); box.lastChild.querySelector('input').focus(); } }, addLabel) };
  }

  /** The columns of a file of appointments (the client's phone is the mobile number column). */
  const APPOINTMENT_COLUMNS = [['externalId', 'Appointment ID column'], ['clientName', 'Client name column'],
    ['firstName', 'Client first name column'], ['lastName', 'Client last name column'], ['patient', 'Patient column'],
    ['date', 'Date column'], ['time', 'Time column'], ['startAt', 'Date and time column (instead of date and time)'],
    ['provider', 'Provider column'], ['location', 'Location column'], ['status', 'Status column (booked or cancelled)']];

  function edit(profile) {
    const p = profile || { enabled: true, hasHeader: true, fields: [], phoneColumns: [], purpose: 'send', appointmentColumns: {} };
    const purpose = el('select', { id: 'p-purpose', 'data-field': 'purpose' },
      el('option', { value: 'send', selected: p.purpose !== 'appointments' }, 'Send a text for each row'),
      el('option', { value: 'appointments', selected: p.purpose === 'appointments' }, 'Load appointments for mass text alerts (sends nothing)'));
    const fields = rowList('custom-fields', (f, i) => el('div', { class: 'row' },
      Herald.field('Column position', input('cf-column-' + i, 'fields.' + i + '.column', { class: 'cf-column', value: shown(f.column), size: 12 })),
      Herald.field('Column label', input('cf-label-' + i, 'fields.' + i + '.label', { class: 'cf-label', value: shown(f.label), size: 16 })),
      Herald.field('Save to contact field', input('cf-contact-' + i, 'fields.' + i + '.contactField',
        { class: 'cf-contact', value: shown(f.contactField), list: 'contact-fields', size: 16 }))), 'Add custom field');
    const phones = rowList('phone-columns', (c, i) => el('div', { class: 'row' },
      Herald.field('Phone column ' + (i + 2), input('phone-' + i, 'phoneColumns', { class: 'phone-column', value: shown(c.column) }))), 'Add phone column');
    (p.fields || []).forEach(f => fields.add(f));
    (p.phoneColumns || []).forEach(c => phones.add({ column: c }));

    const check = (id, name, label, on) => el('label', { class: 'check' }, el('input', { type: 'checkbox', id, 'data-field': name, checked: !!on }), label);
    const text = (id, name, label, value, attrs) => Herald.field(label, input(id, name, Object.assign({ value: shown(value) }, attrs || {})));
    const errors = el('div', { id: 'profile-errors', 'aria-live': 'assertive' });
    const appointmentSet = el('fieldset', { id: 'appointment-columns' }, el('legend', {}, 'Appointment columns'),
      el('p', { class: 'muted' }, 'Each column by position (1 for the first) or header. Times are read in the account\'s time zone'
        + ' unless the file gives an offset; a file sent again updates its appointments by their ID.'),
      ...APPOINTMENT_COLUMNS.map(([key, label]) => text('ap-' + key, 'appointmentColumns.' + key, label,
        (p.appointmentColumns || {})[key])));
    const sendOnly = [];
    const form = el('form', { class: 'stack', id: 'profile-form', novalidate: true },
      el('fieldset', {}, el('legend', {}, 'Profile'),
        text('p-name', 'name', 'Profile name', p.name),
        text('p-username', 'username', 'FTP username', p.username, { required: true, autocomplete: 'off' }),
        check('p-enabled', 'enabled', 'Enabled (files dropped with this login are processed)', p.enabled),
        Herald.field('Files dropped with this login', purpose)),
      el('fieldset', {}, el('legend', {}, 'Required fields'),
        keep(check('p-lock', 'conversationLock', 'Enable conversation lock (replies come back to this account)', p.conversationLock)),
        check('p-header', 'hasHeader', 'File contains a header row', p.hasHeader),
        text('p-mobile', 'mobileColumn', 'Mobile number column (position, 1 for the first, or header)', p.mobileColumn, { required: true }),
        keep(text('p-keyword', 'keywordColumn', 'Keyword column (sends the keyword\'s #001 message)', p.keywordColumn))),
      appointmentSet,
      keep(el('fieldset', {}, el('legend', {}, 'Delivery settings'),
        text('p-send-at', 'sendAtColumn', 'Send date and time column (blank: send when dropped)', p.sendAtColumn),
        sendAtFormat(p.sendAtFormat),
        text('p-zone', 'timeZone', 'Time zone (blank: the account\'s)', p.timeZone, { placeholder: Herald.zoneName() }),
        text('p-zone-column', 'timeZoneColumn', 'Time zone column', p.timeZoneColumn),
        text('p-from', 'from', 'Sender (blank: the account\'s default)', p.from))),
      keep(el('fieldset', {}, el('legend', {}, 'Custom fields'),
        text('p-message', 'messageColumn', 'Message column (each row\'s own text)', p.messageColumn),
        Herald.field('Message template (~label~ inserts a custom field)', el('textarea', { id: 'p-template', 'data-field': 'template' }, shown(p.template))),
        fields.box, el('div', {}, fields.button))),
      keep(el('fieldset', {}, el('legend', {}, 'Multiple phone fields'),
        el('p', { class: 'muted' }, 'Columns tried after the mobile number column, in order: the first number that can get a text is used.'),
        phones.box, el('div', {}, phones.button))),
      errors,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'save-profile' }, profile ? 'Save profile' : 'Create profile'),
        el('button', { type: 'button', id: 'cancel-profile', onclick: () => formCard.replaceChildren() }, 'Cancel')));

    function keep(part) { sendOnly.push(part); return part; }
    const showPurpose = () => {
      const loads = purpose.value === 'appointments';
      sendOnly.forEach(x => { x.hidden = loads; });
      appointmentSet.hidden = !loads;
    };
    purpose.addEventListener('change', showPurpose);
    showPurpose();

    form.addEventListener('submit', async e => {
      e.preventDefault();
      const value = id => document.getElementById(id).value;
      if (purpose.value === 'appointments') return save({
        name: value('p-name').trim() || null, username: value('p-username').trim(),
        enabled: document.getElementById('p-enabled').checked, hasHeader: document.getElementById('p-header').checked,
        purpose: 'appointments', mobileColumn: column(value('p-mobile')),
        appointmentColumns: Object.fromEntries(APPOINTMENT_COLUMNS.map(([key]) => [key, column(value('ap-' + key))])
          .filter(([, v]) => v !== null)),
        template: null, messageColumn: null, keywordColumn: null, fields: [], phoneColumns: [], conversationLock: false,
      });
      return save({
        purpose: 'send', appointmentColumns: {},
        name: value('p-name').trim() || null, username: value('p-username').trim(),
        enabled: document.getElementById('p-enabled').checked,
        conversationLock: document.getElementById('p-lock').checked, hasHeader: document.getElementById('p-header').checked,
        mobileColumn: column(value('p-mobile')), keywordColumn: column(value('p-keyword')),
        sendAtColumn: column(value('p-send-at')), sendAtFormat: value('p-send-at-format').trim() || null,
        timeZone: value('p-zone').trim() || null, timeZoneColumn: column(value('p-zone-column')), from: value('p-from').trim() || null,
        messageColumn: column(value('p-message')), template: value('p-template').trim() || null,
        fields: [...fields.box.children].map(row => ({ column: column(row.querySelector('.cf-column').value),
          label: row.querySelector('.cf-label').value.trim(), contactField: row.querySelector('.cf-contact').value.trim() || null })),
        phoneColumns: [...phones.box.children].map(row => column(row.querySelector('.phone-column').value)).filter(c => c !== null),
      });
    });

    async function save(body) {
      form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
      try {
        const saved = profile ? await Herald.api('PATCH', '/api/v1/drop-profiles/' + profile.id, body)
          : await Herald.post('/api/v1/drop-profiles', body);
        formCard.replaceChildren();
        Herald.say(message, (profile ? 'Profile saved: ' : 'Profile created: ') + saved.username + '.', true);
        if (saved.password) showPassword(saved.username, saved.password);
        await load();
      } catch (err) {
        const name = err.body && err.body.field;
        const target = name && (form.querySelector('[data-field="' + CSS.escape(name) + '"]')
          || form.querySelector('[data-field="' + CSS.escape(name.split('.')[0]) + '"]'));
        form.querySelector('#profile-error')?.remove();
        const shownError = el('p', { class: 'error', role: 'alert', id: 'profile-error' }, (name && !err.message.startsWith(name) ? name + ': ' : '') + err.message);
        if (target) target.closest('label').after(shownError); else errors.replaceChildren(shownError);
        if (target) { target.setAttribute('aria-invalid', 'true'); target.setAttribute('aria-describedby', 'profile-error'); target.focus(); }
      }
    }
    formCard.replaceChildren(el('h2', { id: 'editor-title' }, profile ? 'Edit ' + profile.username : 'New drop profile'), form,
      el('datalist', { id: 'contact-fields' }));
    Herald.get('/api/v1/fields').then(f => document.getElementById('contact-fields')
      ?.replaceChildren(...(Array.isArray(f) ? f : f.fields || []).map(x => el('option', { value: x.key }, x.label)))).catch(() => {});
    document.getElementById('p-username').focus();
  }

  /** Common ways files write 31 December 2026, 2:30 PM, and the Java pattern that reads each. */
  const FORMATS = [
    ['M/d/yyyy h:mm a', '12/31/2026 2:30 PM'], ['M/d/yyyy H:mm', '12/31/2026 14:30'], ['d/M/yyyy H:mm', '31/12/2026 14:30'],
    ['d/M/yyyy h:mm a', '31/12/2026 2:30 PM'], ['yyyy-MM-dd HH:mm', '2026-12-31 14:30'], ["yyyy-MM-dd'T'HH:mm", '2026-12-31T14:30'],
    ['d.M.yyyy H:mm', '31.12.2026 14:30'], ['MMM d, yyyy h:mm a', 'Dec 31, 2026 2:30 PM'],
    ['M/d/yyyy', '12/31/2026 (a date only: sent from midnight)'], ['yyyy-MM-dd', '2026-12-31 (a date only: sent from midnight)'],
  ];
  const DEFAULT_FORMAT = 'M/d/yyyy h:mm a';

  /**
   * The format chosen by example, or any Java pattern under "Other pattern"; values pasted from the
   * file show how they read with it, by the server's own reader.
   */
  function sendAtFormat(current) {
    const chosen = current || DEFAULT_FORMAT;
    const known = FORMATS.some(([f]) => f === chosen);
    const pattern = input('p-send-at-format', 'sendAtFormat', { value: chosen, placeholder: DEFAULT_FORMAT, 'aria-describedby': 'send-at-example' });
    const other = Herald.field('Other pattern (Java, like d MMM yyyy HH:mm)', pattern);
    const select = el('select', { id: 'p-send-at-choice' },
      FORMATS.map(([f, example]) => el('option', { value: f, selected: f === chosen }, example)),
      el('option', { value: '', selected: !known }, 'Other pattern…'));
    const samples = el('textarea', { id: 'p-send-at-samples', rows: 3, placeholder: '12/31/2026 2:30 PM' });
    const preview = el('div', { id: 'send-at-preview', 'aria-live': 'polite' });
    const show = () => { other.hidden = select.value !== ''; };
    let timer = null;
    const check = () => { clearTimeout(timer); timer = setTimeout(read, 250); };
    async function read() {
      const values = samples.value.split(/\n/).map(v => v.trim()).filter(Boolean).slice(0, 20);
      if (!pattern.value.trim()) { preview.replaceChildren(); return; }
      try {
        const r = await Herald.post('/api/v1/drop-profiles/send-at-preview', { format: pattern.value.trim(), samples: values });
        const when = iso => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long',
          year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso + 'Z'));
        preview.replaceChildren(el('p', { class: 'muted', id: 'send-at-example' }, 'With ' + r.format + ', 14 March 2026 9:30 AM is written ' + r.example + '.'),
          values.length ? Herald.table([{ label: 'Value from the file', value: x => x.value },
            { label: 'Reads as', value: x => x.reads ? when(x.reads) : el('span', { class: 'status bad' }, x.error) }], r.samples) : '');
      } catch (err) {
        preview.replaceChildren(Herald.errorBox(err));
      }
    }
    select.addEventListener('change', () => { if (select.value) pattern.value = select.value; show(); if (!select.value) pattern.focus(); check(); });
    pattern.addEventListener('input', check);
    samples.addEventListener('input', check);
    show();
    check();
    return el('div', { class: 'rows' }, Herald.field('Date and time format (how the send column writes 31 Dec 2026, 2:30 PM)', select), other,
      Herald.field('Try it: paste a few values of the send column, one a line', samples), preview);
  }

  function showPassword(username, password) {
    message.append(el('div', { class: 'notice', role: 'status' }, 'FTP password for ', el('strong', {}, username), ': ',
      el('code', { id: 'ftp-password' }, password), ' — shown only this once: copy it now.'));
  }

  async function act(run, done) {
    try { await run(); Herald.say(message, done, true); await load(); } catch (err) { Herald.say(message, err); }
  }

  function ftpCell(p) {
    return el('div', {}, el('code', { class: 'ftp-url' }, p.ftp.url), el('br'), 'user ', el('code', {}, p.username),
      p.ftp.tls === 'explicit' ? ' · FTPS (explicit TLS)' : '', p.ftp.enabled ? '' : ' · FTP is off on this server: upload below');
  }

  async function load() {
    profiles = (await Herald.get('/api/v1/drop-profiles')).profiles;
    list.replaceChildren(Herald.table([
      { label: 'Profile', value: p => p.name },
      { label: 'FTP address and username', value: ftpCell },
      { label: 'Status', value: p => el('span', {}, el('span', { class: 'status ' + (p.enabled ? 'ok' : 'bad') }, p.enabled ? 'enabled' : 'disabled'),
        p.purpose === 'appointments' ? ' · loads appointments' : '') },
      { label: 'Actions', value: p => el('div', { class: 'actions' },
        el('button', { type: 'button', 'aria-label': 'Edit ' + p.username, onclick: () => edit(p) }, 'Edit'),
        el('button', { type: 'button', 'aria-label': (p.enabled ? 'Disable ' : 'Enable ') + p.username,
          onclick: () => act(() => Herald.api('PATCH', '/api/v1/drop-profiles/' + p.id, { enabled: !p.enabled }),
            'Profile ' + p.username + (p.enabled ? ' disabled.' : ' enabled.')) }, p.enabled ? 'Disable' : 'Enable'),
        el('button', { type: 'button', 'aria-label': 'New FTP password for ' + p.username, onclick: async () => {
          if (!confirm('Make a new FTP password for ' + p.username + '? The old one stops working.')) return;
          try { const r = await Herald.post('/api/v1/drop-profiles/' + p.id + '/password'); message.replaceChildren(); showPassword(p.username, r.password); }
          catch (err) { Herald.say(message, err); }
        } }, 'New password'),
        el('button', { type: 'button', class: 'danger', 'aria-label': 'Delete ' + p.username, onclick: () => {
          if (confirm('Delete drop profile ' + p.username + '? Its FTP login stops working.')) {
            act(() => Herald.del('/api/v1/drop-profiles/' + p.id), 'Profile ' + p.username + ' deleted.');
          }
        } }, 'Delete')) },
    ], profiles, 'No drop profiles yet: make one to get an FTP login.'));
    buildUpload();
  }

  /** Upload a file from the browser: a dry run first, then Send. */
  function buildUpload() {
    const chosen = document.getElementById('up-profile')?.value;
    if (!profiles.length) { uploadCard.replaceChildren(); return; }
    const profile = el('select', { id: 'up-profile' }, profiles.map(p => el('option', { value: p.id, selected: String(p.id) === chosen }, p.name + ' (' + p.username + ')')));
    const file = el('input', { id: 'up-file', type: 'file', accept: '.csv,text/csv', required: true });
    const result = el('div', { id: 'upload-result', 'aria-live': 'polite' });
    const form = el('form', { class: 'inline', id: 'upload-form' }, Herald.field('Drop profile', profile), Herald.field('CSV file', file),
      el('button', { type: 'submit', class: 'primary', id: 'dry-run' }, 'Check file'));
    // a profile that loads appointments sends nothing, so its file is loaded straight away
    const loads = () => profiles.find(p => String(p.id) === profile.value)?.purpose === 'appointments';
    const label = () => { form.querySelector('#dry-run').textContent = loads() ? 'Load appointments' : 'Check file'; };
    profile.addEventListener('change', label);
    label();
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (!file.files.length) { Herald.say(result, 'Choose a CSV file first.'); return; }
      const f = file.files[0];
      const id = profile.value;
      if (loads()) {
        result.replaceChildren(el('p', { class: 'muted' }, 'Loading ' + f.name + '…'));
        try { result.replaceChildren(sentView(await upload(id, f, false))); } catch (err) { Herald.say(result, err); }
        return;
      }
      result.replaceChildren(el('p', { class: 'muted' }, 'Checking ' + f.name + '…'));
      try {
        const dry = await upload(id, f, true);
        result.replaceChildren(dryRunView(dry), dry.status === 'ok'
          ? el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', id: 'send-file', onclick: async ev => {
            ev.target.disabled = true;
            try { result.replaceChildren(sentView(await upload(id, f, false))); } catch (err) { Herald.say(result, err); }
          } }, 'Send ' + dry.accepted + ' texts'))
          : '');
      } catch (err) {
        Herald.say(result, err);
      }
    });
    uploadCard.replaceChildren(el('h2', { id: 'upload-title' }, 'Send a file from this browser'),
      el('p', { class: 'muted' }, 'The file is checked first: nothing is sent until you press Send.'), form, result);
  }

  /** The file's outcome; a file that goes to error/ (422) still answers its outcome. */
  async function upload(id, f, dryRun) {
    const path = '/api/v1/drop-profiles/' + id + '/files?name=' + encodeURIComponent(f.name) + (dryRun ? '&dryRun=true' : '');
    const response = await fetch(Herald.withAccount(path), { method: 'POST', credentials: 'same-origin', body: f,
      headers: { 'Content-Type': 'text/csv', 'X-Requested-With': 'herald-ui', 'X-CSRF-Token': Herald.me().csrf } });
    const data = await response.json().catch(() => ({ error: 'upload failed (' + response.status + ')' }));
    if (!response.ok && response.status !== 422) throw new Herald.ApiError(response.status, data);
    return data;
  }

  function counts(r) {
    return el('p', { id: 'upload-counts' }, r.rows + ' rows: ' + r.accepted + ' would be sent, ' + r.rejected + ' rejected'
      + (r.encoding ? ' · ' + r.encoding : '') + '.');
  }

  function errorTable(r) {
    return [el('h3', {}, 'Errors'), Herald.table([
      { label: 'Row', value: x => String(x.row) }, { label: 'Column', value: x => shown(x.field) },
      { label: 'Value', value: x => shown(x.value) }, { label: 'Reason', value: x => x.error },
    ], r.errors || [], 'No errors.')];
  }

  function dryRunView(r) {
    return el('div', { id: 'dry-run-result' },
      r.status === 'ok' ? el('p', { class: 'notice' }, 'Dry run of ' + r.name + ': nothing was sent.')
        : el('p', { class: 'error', role: 'alert' }, 'This file would go to the error folder: ' + r.reason),
      counts(r),
      el('h3', {}, 'First texts'),
      Herald.table([
        { label: 'Row', value: x => String(x.row) }, { label: 'To', value: x => x.to }, { label: 'Text', value: x => x.text },
        { label: 'Encoding', value: x => x.encoding }, { label: 'Parts', value: x => String(x.segments) },
        { label: 'Send at', value: x => x.sendAt ? Herald.time(x.sendAt) : 'now' },
      ], r.preview || [], 'No texts.'),
      errorTable(r));
  }

  function sentView(r) {
    return el('div', { id: 'sent-result' },
      r.status === 'processed' ? el('p', { class: 'notice', role: 'status' }, r.name + ': ' + r.accepted
        + (r.jobId ? ' texts queued, ' : (r.accepted === 1 ? ' appointment' : ' appointments') + ' loaded, ') + r.rejected + ' rows rejected.')
        : el('p', { class: 'error', role: 'alert' }, r.name + ' went to the error folder: ' + r.reason),
      r.jobId ? el('p', {}, el('a', { href: 'job.html?id=' + r.jobId, id: 'sent-job-link' }, 'Open job ' + r.jobId)) : null,
      errorTable(r));
  }

  await load();
});
