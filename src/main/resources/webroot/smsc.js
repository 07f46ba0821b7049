'use strict';
// SMSC connections (operators): state, window use, throughput, results and the last error.
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
});
