'use strict';
// The four-stage import: 1 upload a file, 2 match its columns to fields, 3 choose a group, 4 run and see the result.
// A file of appointments (?target=appointments) has its own columns and no group.
const IMPORT_TARGET = new URLSearchParams(location.search).get('target') === 'appointments' ? 'appointments' : 'contacts';
Herald.page({ title: IMPORT_TARGET === 'appointments' ? 'Import appointments' : 'Import contacts' }, async main => {
  const { el } = Herald;
  let target = IMPORT_TARGET;
  const stages = () => target === 'contacts' ? ['Upload', 'Columns', 'Group', 'Import'] : ['Upload', 'Columns', 'Import'];
  const steps = el('ol', { class: 'steps', 'aria-label': 'Import stages' });
  const stage = el('div', { class: 'card', id: 'stage' });
  const message = el('div', { 'aria-live': 'polite' });
  main.append(steps, message, stage);
  let current = null;

  function show(n) {
    steps.replaceChildren(...stages().map((s, i) => el('li', { 'aria-current': i === n ? 'step' : null }, (i + 1) + '. ' + s)));
    message.replaceChildren();
  }

  function upload() {
    show(0);
    const file = el('input', { id: 'file', type: 'file', accept: '.csv,.txt,.xlsx', required: true });
    const kind = el('select', { id: 'import-target' }, el('option', { value: 'contacts', selected: target === 'contacts' }, 'Contacts'),
      el('option', { value: 'appointments', selected: target === 'appointments' }, 'Appointments (for mass text alerts)'));
    kind.addEventListener('change', () => {
      target = kind.value;
      const title = target === 'appointments' ? 'Import appointments' : 'Import contacts';
      document.querySelector('h1').textContent = title;
      document.title = title + ' · Herald';
      show(0);
    });
    const form = el('form', { class: 'stack' }, Herald.field('The file holds', kind), Herald.field('File (CSV, text or Excel)', file),
      el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Upload')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (!file.files.length) return Herald.say(message, 'Choose a file first.');
      const f = file.files[0];
      const response = await fetch(Herald.withAccount('/api/v1/imports?name=' + encodeURIComponent(f.name)
        + '&target=' + target), {
        method: 'POST', body: f, credentials: 'same-origin',
        headers: { 'X-CSRF-Token': Herald.me().csrf, 'X-Requested-With': 'herald-ui', 'Content-Type': 'application/octet-stream' } });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) return Herald.say(message, body.error || 'upload failed');
      current = body;
      columns();
    });
    stage.replaceChildren(form);
  }

  async function columns() {
    show(1);
    let fields = current.choices;
    if (!fields) {
      const fieldsAnswer = await Herald.get('/api/v1/fields');
      fields = Array.isArray(fieldsAnswer) ? fieldsAnswer : fieldsAnswer.fields;
    }
    const selects = current.columns.map(c => el('select', { 'aria-label': 'Field for column ' + c.header, 'data-index': c.index },
      el('option', { value: 'ignore', selected: !c.field || c.field === 'ignore' }, 'Do not import'),
      fields.map(f => el('option', { value: f.key, selected: f.key === c.field }, f.label))));
    const form = el('form', { class: 'stack' }, el('p', {}, current.rows + ' rows in ' + current.file.name),
      Herald.table([{ label: 'Column', value: c => c.header }, { label: 'Examples', value: c => c.samples.slice(0, 3).join(', ') },
        { label: 'Save to', value: c => selects[c.index] }], current.columns),
      el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Next')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      try {
        current = await Herald.put('/api/v1/imports/' + current.id + '/columns',
          { columns: selects.map(s => ({ index: Number(s.dataset.index), field: s.value || 'ignore' })) });
        if (current.target === 'appointments') run(); else group();
      } catch (err) { Herald.say(message, err); }
    });
    stage.replaceChildren(form);
  }

  async function group() {
    show(2);
    const { groups } = await Herald.get('/api/v1/groups');
    const mode = el('select', { id: 'group-mode' }, el('option', { value: 'none' }, 'No group'),
      el('option', { value: 'new' }, 'A new group'), el('option', { value: 'existing' }, 'An existing group'));
    const name = el('input', { id: 'group-name' });
    const existing = el('select', { id: 'group-id' }, groups.filter(g => g.type !== 'dynamic').map(g => el('option', { value: g.id }, g.name)));
    const form = el('form', { class: 'stack' }, Herald.field('Add the contacts to', mode), Herald.field('New group name', name),
      Herald.field('Existing group', existing), el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Next')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = { mode: mode.value };
      if (mode.value === 'new') body.name = name.value;
      if (mode.value === 'existing') body.groupId = Number(existing.value);
      try {
        current = await Herald.put('/api/v1/imports/' + current.id + '/group', body);
        run();
      } catch (err) { Herald.say(message, err); }
    });
    stage.replaceChildren(form);
  }

  function run() {
    const appointments = current.target === 'appointments';
    show(appointments ? 2 : 3);
    const go = el('button', { class: 'primary', type: 'button', id: 'run-import' }, 'Import ' + current.rows + ' rows');
    const result = el('div', { id: 'import-result', 'aria-live': 'polite' });
    go.addEventListener('click', async () => {
      go.disabled = true;
      try {
        await Herald.post('/api/v1/imports/' + current.id + '/run');
        for (;;) {
          current = await Herald.get('/api/v1/imports/' + current.id);
          if (current.status === 'completed' || current.status === 'failed') break;
          await new Promise(r => setTimeout(r, 500));
        }
        const s = current.summary || {};
        const what = appointments ? ' appointments' : '';
        result.replaceChildren(el('p', { class: 'notice' }, 'Created ' + s.created + what + ', updated ' + s.updated + ', rejected ' + s.rejected + '.'),
          current.rejectsFile ? el('a', { href: Herald.withAccount(current.rejectsFile) }, 'Download the rejected rows') : '',
          current.rejectedRows ? Herald.table([{ label: 'Row', value: r => String(r.row) }, { label: 'Column', value: r => r.column || '' },
            { label: 'Value', value: r => r.value || '' }, { label: 'Problem', value: r => r.error }], current.rejectedRows) : '',
          el('p', {}, appointments ? el('a', { href: 'alerts.html' }, 'On to Mass Text Alerts')
            : el('a', { href: 'contacts.html' }, 'Back to contacts')));
      } catch (err) { Herald.say(message, err); go.disabled = false; }
    });
    stage.replaceChildren(go, result);
  }

  upload();
});
