'use strict';
// Jobs: the newest first with progress and status, and a form to send one text to many numbers.
Herald.page({ title: 'Jobs' }, async main => {
  const { el } = Herald;
  const list = el('div', { id: 'jobs' });
  const message = el('div', { 'aria-live': 'polite' });
  const form = el('form', { class: 'stack', id: 'new-job' },
    Herald.field('Job name', el('input', { id: 'job-name', required: true, maxlength: 200 })),
    Herald.field('Message (~first~ style fields are not available here)', el('textarea', { id: 'job-text', required: true })),
    Herald.field('Recipients, one per line: a phone number, then a comma and the name if you like (+12025550143, Jane Doe)',
      el('textarea', { id: 'job-numbers', required: true })),
    el('div', {}, el('button', { class: 'primary', type: 'submit' }, 'Send job')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    // "+12025550143, Jane Doe": the number, and the name the report shows (a tab or ; also separates)
    const recipients = document.getElementById('job-numbers').value.split(/\n/).map(s => s.trim()).filter(Boolean).map(line => {
      const cut = line.search(/[,;\t]/);
      const name = cut < 0 ? '' : line.slice(cut + 1).trim();
      return name ? { to: line.slice(0, cut).trim(), name } : { to: cut < 0 ? line : line.slice(0, cut).trim() };
    });
    try {
      const r = await Herald.post('/api/v1/jobs', { name: document.getElementById('job-name').value,
        template: document.getElementById('job-text').value, recipients });
      const job = r.job || r;
      Herald.say(message, 'Job created: ' + r.accepted + ' accepted, ' + r.rejected + ' rejected.', true);
      if (r.errors && r.errors.length) message.append(Herald.table([{ label: 'Row', value: x => x.row },
        { label: 'Value', value: x => x.value === null ? '' : String(x.value) }, { label: 'Problem', value: x => x.error }], r.errors));
      if (job.id) message.append(el('p', {}, el('a', { href: 'job.html?id=' + job.id, id: 'new-job-link' }, 'Open job ' + job.id)));
      load();
    } catch (err) {
      Herald.say(message, err);
    }
  });
  main.append(list, el('details', { class: 'card' }, el('summary', {}, 'New job'), form, message));

  async function load() {
    const { jobs } = await Herald.get('/api/v1/jobs?limit=100');
    list.replaceChildren(Herald.table([
      { label: 'Job', value: j => el('a', { href: 'job.html?id=' + j.id }, j.name || ('Job ' + j.id)) },
      { label: 'Source', value: j => j.kind },
      { label: 'Status', value: j => Herald.statusBadge(j.status) },
      { label: 'Progress', value: j => el('progress', { max: Math.max(1, j.total), value: j.done, 'aria-label': 'Progress of job ' + j.id },
        Math.round(j.progress * 100) + '%') },
      { label: 'Messages', value: j => j.done + ' / ' + j.total },
      { label: 'Failed', value: j => String((j.counts.failed || 0) + (j.counts.undeliverable || 0) + (j.counts.expired || 0)) },
      { label: 'Created', value: j => Herald.time(j.createdAt) },
    ], jobs, 'No jobs yet.'));
  }
  await load();
  setInterval(() => load().catch(() => {}), 5000);
});
