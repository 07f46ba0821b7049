'use strict';
// The four-stage import: 1 upload a file, 2 match its columns to fields, 3 choose a group, 4 run and see the result.
Herald.page({ title: 'Import contacts' }, async main => {
  const { el } = Herald;
  const STAGES = ['Upload', 'Columns', 'Group', 'Import'];
  const steps = el('ol', { class: 'steps', 'aria-label': 'Import stages' });
  const stage = el('div', { class: 'card', id: 'stage' });
  const message = el('div', { 'aria-live': 'polite' });
  main.append(steps, message, stage);
  let current = null;

  function show(n) {
    steps.replaceChildren(...STAGES.map((s, i) => el('li', { 'aria-current': i === n ? 'step' : null }, (i + 1) + '. ' + s)));
    message.replaceChildren();
  }

  function upload() {
    show(0);
    const file = el('input', { id: 'file', type: 'file', accept: '.csv,.txt,.xlsx', required: true });
    const form = el('form', { class: 'stack' }, Herald.field('File (CSV, text or Excel)', file),
      el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Upload')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (!file.files.length) return Herald.say(message, 'Choose a file first.');
      const f = file.files[0];
      const response = await fetch(Herald.withAccount('/api/v1/imports?name=' + encodeURIComponent(f.name)), {
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
    const fieldsAnswer = await Herald.get('/api/v1/fields');
    const fields = Array.isArray(fieldsAnswer) ? fieldsAnswer : fieldsAnswer.fields;
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
        group();
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
    show(3);
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
        result.replaceChildren(el('p', { class: 'notice' }, 'Created ' + s.created + ', updated ' + s.updated + ', rejected ' + s.rejected + '.'),
          current.rejectsFile ? el('a', { href: Herald.withAccount(current.rejectsFile) }, 'Download the rejected rows') : '',
          current.rejectedRows ? Herald.table([{ label: 'Row', value: r => String(r.row) }, { label: 'Column', value: r => r.column || '' },
            { label: 'Value', value: r => r.value || '' }, { label: 'Problem', value: r => r.error }], current.rejectedRows) : '',
          el('p', {}, el('a', { href: 'contacts.html' }, 'Back to contacts')));
      } catch (err) { Herald.say(message, err); }
    });
    stage.replaceChildren(go, result);
  }

  upload();
});
