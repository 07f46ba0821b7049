'use strict';
// Proactive SMS: the account's campaigns with their counts, and for account admins a form to create
// one: its number (a sender that takes replies), its answer, and the weekly hours texts may go.
Herald.page({ title: 'Proactive SMS' }, async main => {
  const { el } = Herald;
  const me = Herald.me();
  const admin = me.role === 'admin' || (me.role === 'operator' && Herald.accountId() !== null);
  const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'],
    ['sat', 'Saturday'], ['sun', 'Sunday']];
  const message = el('div', { id: 'campaigns-message', 'aria-live': 'polite' });
  const list = el('div', { id: 'campaigns' });
  const formCard = el('section', { class: 'card', id: 'campaign-editor', 'aria-labelledby': 'editor-title', hidden: true, style: 'margin-top:.5rem' });

  const [{ campaigns }, account] = await Promise.all([Herald.get('/api/v1/campaigns'),
    Herald.accountId() === null ? null : Herald.get('/api/v1/accounts/' + Herald.accountId()).catch(() => null)]);
  const off = !!account && account.campaigns === false;
  if (off) main.append(el('p', { class: 'muted', id: 'campaigns-off' },
    'Proactive SMS is not turned on for this account. Ask your Herald operator to turn it on; this page then lets you create campaigns.'));
  if (admin && !off) {
    const toggle = el('button', { type: 'button', class: 'primary', id: 'create-campaign', 'aria-expanded': 'false',
      'aria-controls': 'campaign-editor', onclick: () => {
        formCard.hidden = !formCard.hidden;
        toggle.setAttribute('aria-expanded', String(!formCard.hidden));
        if (!formCard.hidden) formCard.querySelector('input, select')?.focus();
      } }, 'Create Campaign');
    main.append(el('div', { class: 'actions' }, toggle), formCard);
    await buildForm();
  } else {
    main.append(message);
  }
  main.append(list);
  show(campaigns);

  function badge(status) {
    const cls = status === 'Completed' ? 'ok' : status === 'Cancelled' ? 'bad' : ['Paused', 'Ended'].includes(status) ? 'warn' : '';
    return el('span', { class: 'status ' + cls }, status);
  }

  function show(rows) {
    const n = key => c => String((c.counts && c.counts[key]) || 0);
    list.replaceChildren(Herald.table([
      { label: 'Campaign', value: c => el('a', { href: 'campaign.html?id=' + c.id }, c.name) },
      { label: 'Phone number', value: c => c.sender },
      { label: 'Status', value: c => badge(c.status) },
      { label: 'Recipients', value: n('recipients') },
      { label: 'Sent', value: n('sent') },
      { label: 'Delivered', value: n('delivered') },
      { label: 'Failed', value: n('failed') },
      { label: 'Not contacted', value: n('notContacted') },
      { label: 'Replied', value: n('replied') },
    ], rows, 'No campaigns yet.' + (admin ? ' Create the first one with Create Campaign.' : '')));
  }

  async function buildForm() {
    const [{ senders }, { answers }] = await Promise.all([Herald.get('/api/v1/senders'), Herald.get('/api/v1/answers')]);
    const numbers = senders.filter(s => s.takesReplies);
    const name = el('input', { id: 'campaign-name', 'data-field': 'name', required: true, maxlength: 200 });
    const description = el('textarea', { id: 'campaign-description', 'data-field': 'description', rows: 2, style: 'min-height:3.5rem' });
    const sender = el('select', { id: 'campaign-sender', 'data-field': 'sender', required: true },
      numbers.map(s => el('option', { value: s.address, selected: s.default }, s.address)));
    const languages = [...new Set(answers.map(a => a.language))].sort();
    const language = el('select', { id: 'campaign-language', 'data-field': 'language', required: true },
      languages.map(l => el('option', { value: l, selected: l === 'en' }, l)));
    const answer = el('select', { id: 'campaign-answer', 'data-field': 'answerId', required: true, 'aria-describedby': 'answer-preview' });
    const preview = el('p', { class: 'muted', id: 'answer-preview', style: 'white-space:pre-wrap' });
    const fillAnswers = () => {
      answer.replaceChildren(...answers.filter(a => a.language === language.value).map(a => el('option', { value: a.id }, a.name)));
      showPreview();
    };
    const showPreview = () => {
      const a = answers.find(x => String(x.id) === answer.value);
      preview.textContent = a ? 'It sends: ' + a.text : '';
    };
    language.addEventListener('change', fillAnswers);
    answer.addEventListener('change', showPreview);
    fillAnswers();

    const notes = [];
    if (!numbers.length) notes.push(el('p', { class: 'error', id: 'no-senders' }, 'No sender of this account takes replies: add a phone number on ',
      el('a', { href: 'senders.html' }, 'Senders'), ' first.'));
    if (!answers.length) notes.push(el('p', { class: 'error', id: 'no-answers' }, 'There is no messaging answer yet: write one on ',
      el('a', { href: 'answers.html' }, 'Messaging Answers'), ' first.'));

    const form = el('form', { class: 'stack', id: 'campaign-form', novalidate: true },
      notes,
      Herald.field('Campaign name', name),
      Herald.field('Description', description),
      Herald.field('Phone number (a sender that takes replies)', sender),
      el('div', { class: 'rows' }, el('div', { class: 'row' }, Herald.field('Language', language), Herald.field('Answer', answer)), preview),
      schedule(),
      message,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'save-campaign', disabled: !numbers.length || !answers.length }, 'Create campaign')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      form.querySelectorAll('[aria-invalid]').forEach(x => x.removeAttribute('aria-invalid'));
      const hours = {};
      for (const [day] of DAYS) {
        if (!document.getElementById('closed-' + day).checked) {
          hours[day] = [document.getElementById('open-' + day).value, document.getElementById('close-' + day).value];
        }
      }
      const body = { name: name.value.trim(), description: description.value.trim(), sender: sender.value,
        language: language.value, answerId: Number(answer.value) || null, schedule: hours };
      try {
        const made = await Herald.post('/api/v1/campaigns', body);
        location.href = 'campaign.html?id=' + made.id;
      } catch (err) {
        Herald.say(message, err);
        const target = err.body && err.body.field && form.querySelector('[data-field="' + CSS.escape(err.body.field) + '"]');
        if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
      }
    });
    formCard.replaceChildren(el('h2', { id: 'editor-title' }, 'Create Campaign'), form);
  }

  /** A row a day: Closed (ticked, as a new campaign starts), and the hours texts may go when open. */
  function schedule() {
    const rows = DAYS.map(([day, label]) => {
      const closed = el('input', { type: 'checkbox', id: 'closed-' + day, checked: true, 'aria-label': label + ' closed' });
      const open = el('input', { type: 'time', id: 'open-' + day, value: '09:00', disabled: true, 'aria-label': label + ' opens' });
      const close = el('input', { type: 'time', id: 'close-' + day, value: '17:00', disabled: true, 'aria-label': label + ' closes' });
      closed.addEventListener('change', () => {
        open.disabled = closed.checked;
        close.disabled = closed.checked;
        const fieldset = closed.closest('fieldset');
        if (fieldset.hasAttribute('aria-invalid')) { fieldset.removeAttribute('aria-invalid'); message.replaceChildren(); }
      });
      return el('div', { class: 'row', 'data-day': day, style: 'align-items:center' },
        el('span', { style: 'min-width:7rem;font-weight:600' }, label),
        el('label', { class: 'check' }, closed, 'Closed'),
        el('label', { class: 'check', for: 'open-' + day }, 'from', open),
        el('label', { class: 'check', for: 'close-' + day }, 'to', close));
    });
    return el('fieldset', { class: 'rows', 'data-field': 'schedule', id: 'campaign-schedule' },
      el('legend', {}, 'Schedule'),
      el('p', { class: 'muted' }, 'Texts go only in the open hours, in each recipient\'s own time zone (the timezone column of the list).'
        + ' Untick Closed for each day the campaign may text.'),
      rows);
  }
});
