'use strict';
// Accounts (operators): the clinics and businesses Herald serves, the products each may use, its
// limits, how long its texts are kept, and disabling one (its texts wait, its people and FTP users cannot log in).
Herald.page({ title: 'Accounts', roles: ['operator'] }, async main => {
  const { el } = Herald;
  const PRODUCTS = [['dropAndGo', 'Drop & Go'], ['twoWay', 'Two-way'], ['alerts', 'Alerts'],
    ['campaigns', 'Campaigns'], ['broadcasts', 'Broadcasts']];
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const list = el('div', { id: 'accounts' });
  const message = el('div', { 'aria-live': 'polite' });
  const name = el('input', { id: 'a-name', required: true, maxlength: 200 });
  const region = el('input', { id: 'a-region', value: 'US', required: true, pattern: '[A-Z]{2}', size: 3,
    title: "the country's two-letter code, such as US or GB" });
  const zone = el('select', { id: 'a-zone' }, ['UTC', ...zones.filter(z => z !== 'UTC')]
    .map(z => el('option', { value: z, selected: z === Intl.DateTimeFormat().resolvedOptions().timeZone }, z)));
  const form = el('form', { class: 'inline card', id: 'new-account' }, Herald.field('Name', name),
    Herald.field('Region', region), Herald.field('Time zone', zone),
    el('button', { class: 'primary', type: 'submit' }, 'Add account'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const made = await Herald.post('/api/v1/accounts', { name: name.value, region: region.value, timeZone: zone.value });
      Herald.say(message, 'Account ' + made.name + ' added.', true);
      form.reset();
      load();
    } catch (err) {
      Herald.say(message, err);
    }
  });
  main.append(message, list, el('h2', {}, 'Add an account'), form);

  async function change(a, body, done) {
    try {
      await Herald.api('PATCH', '/api/v1/accounts/' + a.id, body);
      Herald.say(message, done, true);
    } catch (err) {
      Herald.say(message, err);
    }
    load();
  }

  function number(a, key, label, empty) {
    const input = el('input', { type: 'number', min: 1, step: key === 'rateTps' ? 'any' : 1, size: 6,
      value: a[key] === null ? '' : a[key], placeholder: empty, 'aria-label': label + ' of ' + a.name });
    input.addEventListener('change', () => change(a, { [key]: input.value === '' ? null : Number(input.value) },
      label + ' of ' + a.name + ' saved.'));
    return input;
  }

  async function load() {
    const { accounts } = await Herald.get('/api/v1/accounts');
    list.replaceChildren(Herald.table([
      { label: 'Name', value: a => a.name },
      { label: 'Region', value: a => a.region },
      { label: 'Time zone', value: a => a.timeZone },
      { label: 'Products', value: a => el('span', { class: 'actions' }, PRODUCTS.map(([key, label]) =>
        el('label', { class: 'check' }, el('input', { type: 'checkbox', checked: a[key], 'aria-label': label + ' for ' + a.name,
          onchange: e => change(a, { [key]: e.target.checked }, label + (e.target.checked ? ' on' : ' off') + ' for ' + a.name + '.') }),
        label))) },
      { label: 'Rate (texts/s)', value: a => number(a, 'rateTps', 'Rate', 'no cap') },
      { label: 'Recipients per list', value: a => number(a, 'maxListRecipients', 'Recipients per list', '') },
      { label: 'Alerts (texts/min)', value: a => number(a, 'alertsPerMinute', 'Alert pace', 'server default') },
      { label: 'Texts kept (days)', value: a => number(a, 'retentionDays', 'Retention', '') },
      { label: 'Status', value: a => el('span', { class: 'actions' }, Herald.statusBadge(a.disabled ? 'disabled' : 'active'),
        el('button', { type: 'button', class: a.disabled ? '' : 'danger', onclick: () => {
          if (!a.disabled && !confirm('Disable ' + a.name + '? Its texts wait and its people cannot log in.')) return;
          change(a, { disabled: !a.disabled }, a.name + (a.disabled ? ' enabled.' : ' disabled.'));
        } }, a.disabled ? 'Enable' : 'Disable')) },
    ], accounts));
  }
  await load();
});
