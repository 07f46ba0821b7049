'use strict';
// SMSC connections (operators): state, window use, throughput, results and the last error; with the built-in
// simulator, a form to send a reply from a phone.
Herald.page({ title: 'SMSC connections', roles: ['operator'] }, async main => {
  const { el } = Herald;
  const view = el('div', { id: 'smsc' });
  main.append(view);
  async function load() {
    try {
      const { connections } = await Herald.get('/api/v1/smsc');
      view.replaceChildren(Herald.table([
        { label: 'Connection', value: c => el('span', {}, c.name, el('br'), el('small', { class: 'muted' }, c.host + ':' + c.port + ' ' + c.bindMode)) },
        { label: 'State', value: c => Herald.statusBadge(c.state) },
        { label: 'Window', value: c => el('span', {}, el('progress', { max: c.window, value: c.inFlight }), c.inFlight + ' / ' + c.window) },
        { label: 'Throughput', value: c => c.currentTps + ' / ' + c.tps + ' per s' },
        { label: 'Submitted', value: c => String(c.submitted) },
        { label: 'Errors (temp / perm)', value: c => c.temporaryErrors + ' / ' + c.permanentErrors },
        { label: 'Throttled', value: c => String(c.throttled) },
        { label: 'Receipts', value: c => String(c.receipts) },
        { label: 'Reconnects', value: c => String(c.reconnects) },
        { label: 'Last error', value: c => c.lastError || '' },
      ], connections, 'No SMSC connections are configured.'));
    } catch (e) {
      view.replaceChildren(Herald.errorBox(e));
    }
  }
  await load();
  setInterval(load, 5000);
  await simulatorReplies(main);
});

// Only when Herald runs its built-in simulator: a reply as if from a phone, to try STOP, HELP or any answer.
async function simulatorReplies(main) {
  const { el } = Herald;
  try {
    await Herald.get('/api/v1/simulator');
  } catch (e) {
    if (e.status === 404) { // a real SMSC: nothing to simulate
      main.dataset.simulator = 'absent'; // says the question was answered, for whoever waits on the page
      return;
    }
    throw e;
  }
  main.dataset.simulator = 'running';
  const from = el('input', { id: 'sim-from', type: 'tel', required: true, placeholder: '+12025550143', autocomplete: 'off' });
  const to = el('input', { id: 'sim-to', placeholder: 'where the last text to that phone came from', autocomplete: 'off' });
  const text = el('textarea', { id: 'sim-text', required: true, rows: 2, placeholder: 'STOP' });
  const result = el('div', { id: 'sim-result', 'aria-live': 'polite' });
  const form = el('form', { id: 'sim-reply', class: 'stack card', style: 'margin-top: 1.5rem; max-width: 40rem' },
    el('h2', {}, 'Send a reply from the simulator'),
    el('p', { class: 'muted' }, 'The simulator delivers it to Herald as a carrier would deliver a text from that phone.'),
    Herald.field('From (phone)', from), Herald.field('To (sender)', to), Herald.field('Text', text),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Send reply')), result);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { from: from.value, text: text.value };
    if (to.value.trim()) body.to = to.value;
    try {
      const sent = await Herald.post('/api/v1/simulator/replies', body);
      Herald.say(result, 'Sent "' + sent.text + '" from ' + sent.from + ' to ' + sent.to + ' (' + sent.encoding + ', '
        + sent.parts + (sent.parts === 1 ? ' part).' : ' parts).'), true);
    } catch (err) {
      Herald.say(result, err);
    }
  });
  main.append(form);
}
