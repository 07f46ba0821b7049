'use strict';
// Messaging Answers: the texts campaigns send, by language, with their length, encoding, parts and
// ~placeholders~ checked by the server as they are typed. Account admins write and delete them.
Herald.page({ title: 'Messaging Answers' }, async main => {
  const { el } = Herald;
  const me = Herald.me();
  const admin = me.role === 'admin' || (me.role === 'operator' && Herald.accountId() !== null);
  const message = el('div', { id: 'answers-message', 'aria-live': 'polite' });
  const list = el('div', { id: 'answers' });
  const editor = el('section', { class: 'card', id: 'answer-editor', 'aria-labelledby': 'editor-title', style: 'margin-top:1rem' });
  main.append(el('p', { class: 'muted' }, 'An answer is the text a Proactive SMS campaign sends. ~first_name~ puts in the recipient\'s'
    + ' first name; ~column~ puts in that column of the recipient list, and ~column|fallback~ the fallback when it is empty.'),
  message, list);
  if (admin) main.append(editor);

  const parts = n => n + (n === 1 ? ' part' : ' parts');
  const summary = a => a.characters + ' characters · ' + a.encoding + ' · ' + parts(a.parts);

  /** What the server makes of a text: its length, encoding, parts, placeholders and warnings. */
  function checkView(r) {
    return [el('span', { class: 'counter', 'data-encoding': r.encoding, 'data-parts': r.parts }, summary(r)),
      r.placeholders.length ? el('span', { class: 'counter' }, ' · placeholders: ', r.placeholders.map(p => '~' + p + '~').join(', '),
        ' (each counted as 10 characters)') : null,
      (r.warnings || []).map(w => el('span', { class: 'status warn', style: 'display:block;border-radius:5px;margin-top:.3rem' }, w))];
  }

  function edit(answer) {
    const a = answer || { name: '', language: 'en', text: '' };
    const name = el('input', { id: 'answer-name', 'data-field': 'name', required: true, maxlength: 200, value: a.name });
    const language = el('input', { id: 'answer-language', 'data-field': 'language', required: true, value: a.language, style: 'max-width:10rem',
      placeholder: 'en', 'aria-describedby': 'language-help' });
    const text = el('textarea', { id: 'answer-text', 'data-field': 'text', required: true, 'aria-describedby': 'answer-check',
      placeholder: 'Hi ~first_name~, ...' }, a.text);
    const check = el('p', { id: 'answer-check', 'aria-live': 'polite' });
    let timer = null;
    let asked = 0;
    async function measure() {
      const mine = ++asked;
      if (!text.value) { check.replaceChildren(); return; }
      try {
        const r = await Herald.post('/api/v1/answers/check', { text: text.value });
        if (mine === asked) check.replaceChildren(el('span', {}, checkView(r)));
      } catch (err) {
        if (mine === asked) check.replaceChildren(Herald.errorBox(err));
      }
    }
    text.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(measure, 250); });
    const form = el('form', { class: 'stack', id: 'answer-form', novalidate: true },
      Herald.field('Name', name),
      Herald.field('Language', language),
      el('p', { class: 'muted', id: 'language-help' }, 'A language tag such as en, es or fr-CA: a campaign sends the answers of its language.'),
      Herald.field('Text', text), check,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'save-answer' }, answer ? 'Save answer' : 'Add answer'),
        answer ? el('button', { type: 'button', id: 'cancel-answer', onclick: () => edit(null) }, 'Cancel') : null));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
      const body = { name: name.value.trim(), language: language.value.trim(), text: text.value };
      try {
        const saved = answer ? await Herald.put('/api/v1/answers/' + answer.id, body) : await Herald.post('/api/v1/answers', body);
        Herald.say(message, (answer ? 'Answer saved: ' : 'Answer added: ') + saved.name + ' (' + saved.language + ', ' + summary(saved) + ').', true);
        edit(null);
        await load();
      } catch (err) {
        Herald.say(message, err);
        const target = err.body && err.body.field && form.querySelector('[data-field="' + CSS.escape(err.body.field) + '"]');
        if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
      }
    });
    editor.replaceChildren(el('h2', { id: 'editor-title' }, answer ? 'Edit ' + answer.name : 'New answer'), form);
    if (a.text) measure();
    if (answer) name.focus();
  }

  async function remove(a) {
    if (!confirm('Delete the answer ' + a.name + '?')) return;
    try {
      await Herald.del('/api/v1/answers/' + a.id);
      Herald.say(message, 'Answer deleted: ' + a.name + '.', true);
      await load();
    } catch (err) { Herald.say(message, err); }
  }

  async function load() {
    const { answers } = await Herald.get('/api/v1/answers');
    const columns = [
      { label: 'Name', value: a => a.name },
      { label: 'Language', value: a => a.language },
      { label: 'Text', value: a => el('span', { style: 'white-space:pre-wrap;overflow-wrap:anywhere' }, a.text) },
      { label: 'Parts', value: a => [summary(a), (a.warnings || []).length ? el('br') : null,
        (a.warnings || []).length ? el('span', { class: 'status warn', title: a.warnings.join('\n') },
          a.warnings.length + (a.warnings.length === 1 ? ' warning' : ' warnings')) : null] },
      { label: 'Updated', value: a => Herald.time(a.updatedAt || a.createdAt) },
    ];
    if (admin) columns.push({ label: 'Actions', value: a => el('div', { class: 'actions', style: 'flex-wrap:nowrap;margin:0' },
      el('button', { type: 'button', class: 'edit-answer', 'aria-label': 'Edit ' + a.name, onclick: () => edit(a) }, 'Edit'),
      el('button', { type: 'button', class: 'danger delete-answer', 'aria-label': 'Delete ' + a.name, onclick: () => remove(a) }, 'Delete')) });
    list.replaceChildren(Herald.table(columns, answers, 'No answers yet.' + (admin ? ' Write the first one below.' : '')));
  }

  await load();
  if (admin) edit(null);
});
