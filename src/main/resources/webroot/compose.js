'use strict';
// Compose: one text to one number, with its length, encoding and parts counted as the server will.
Herald.page({ title: 'Compose' }, async main => {
  const { el } = Herald;
  const to = el('input', { id: 'to', type: 'tel', required: true, autocomplete: 'off', placeholder: '+12025550143' });
  const body = el('textarea', { id: 'body', required: true, 'aria-describedby': 'counter' });
  const counter = el('p', { class: 'counter', id: 'counter', 'aria-live': 'polite' });
  const message = el('div', { 'aria-live': 'polite', id: 'compose-result' });
  const update = () => {
    const m = Sms.measure(body.value);
    counter.textContent = m.length + ' ' + (m.encoding === 'GSM7' ? 'characters' : 'UCS-2 units') + ' · ' + m.encoding
      + ' · ' + m.segments + (m.segments === 1 ? ' part' : ' parts') + ' (' + m.perPart + ' per part)';
    counter.dataset.encoding = m.encoding;
    counter.dataset.segments = m.segments;
  };
  body.addEventListener('input', update);
  update();
  const form = el('form', { class: 'stack card', id: 'compose' }, Herald.field('To', to), Herald.field('Message', body), counter,
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Send')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const r = await Herald.post('/api/v1/messages', { to: to.value, body: body.value });
      Herald.say(message, 'Queued message ' + r.id + ' to ' + r.to + ' (' + r.encoding + ', ' + r.segments
        + (r.segments === 1 ? ' part' : ' parts') + ').', true);
      watch(r.id);
    } catch (err) {
      Herald.say(message, err);
    }
  });
  main.append(form, message);

  async function watch(id) {
    const line = el('p', { id: 'message-status' });
    message.append(line);
    for (let i = 0; i < 60; i++) {
      const m = await Herald.get('/api/v1/messages/' + id);
      line.replaceChildren('Status: ', Herald.statusBadge(m.status));
      if (!['queued', 'sending', 'submitted'].includes(m.status)) return;
      await new Promise(r => setTimeout(r, 1000));
    }
  }
});
