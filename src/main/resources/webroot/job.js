'use strict';
// One job: counts, a green or red verdict, pause / resume / cancel, and its report.
Herald.page({ title: 'Job' }, async main => {
  const { el } = Herald;
  const id = Number(Herald.param('id'));
  const view = el('div', { id: 'job' });
  const message = el('div', { 'aria-live': 'polite' });
  main.append(message, view);
  const FAILED = ['failed', 'undeliverable', 'expired'];
  let timer = null;

  function verdict(job) {
    const failed = FAILED.reduce((n, s) => n + (job.counts[s] || 0), 0);
    // a job Herald paused itself says why first: that is what the reader has to act on
    if (job.status === 'paused' && job.pausedReason) return el('p', { class: 'banner bad', id: 'verdict' },
      'Paused by Herald: ' + job.pausedReason + '. Fix the cause, then Resume.');
    if (failed > 0) return el('p', { class: 'banner bad', id: 'verdict' }, failed + ' of ' + job.total + ' messages failed');
    if (job.status === 'completed') return el('p', { class: 'banner ok', id: 'verdict' }, 'All ' + job.total + ' messages went through');
    if (job.status === 'cancelled') return el('p', { class: 'banner bad', id: 'verdict' }, 'Cancelled');
    if (job.held) return el('p', { class: 'banner bad', id: 'verdict' }, 'Held: ' + job.held);
    return el('p', { class: 'banner running', id: 'verdict' }, 'In progress: ' + job.done + ' of ' + job.total + ' done');
  }

  async function act(verb) {
    try {
      show(await Herald.post('/api/v1/jobs/' + id + '/' + verb));
      Herald.say(message, 'Job ' + verb + (verb === 'cancel' ? 'led' : 'd') + '.', true);
    } catch (e) {
      Herald.say(message, e);
    }
  }

  function show(job) {
    document.querySelector('h1').textContent = job.name || ('Job ' + job.id);
    const buttons = el('div', { class: 'actions' });
    if (['running', 'scheduled'].includes(job.status)) buttons.append(el('button', { type: 'button', id: 'pause', onclick: () => act('pause') }, 'Pause'));
    if (job.status === 'paused') buttons.append(el('button', { type: 'button', id: 'resume', onclick: () => act('resume') }, 'Resume'));
    if (['running', 'scheduled', 'paused'].includes(job.status)) buttons.append(el('button', { type: 'button', class: 'danger', id: 'cancel',
      onclick: () => { if (confirm('Cancel this job? Messages not sent yet will not be sent.')) act('cancel'); } }, 'Cancel job'));
    const report = Herald.withAccount('/api/v1/jobs/' + id + '/report.csv');
    // a scheduled job says when its first text goes: its start, or its weekly window's first opening after it
    const starts = job.status === 'scheduled' ? el('p', { class: 'banner running', id: 'job-start' },
      job.firstSendAt ? 'Scheduled: the first texts go on ' + Herald.time(job.firstSendAt) + ' (' + Herald.zoneName() + ')'
        + (job.schedule && job.firstSendAt !== job.startAt ? ', when its send window opens after the start on ' + Herald.time(job.startAt) : '')
        : 'Scheduled: its send window never opens, so nothing will be sent') : null;
    view.replaceChildren(starts || verdict(job),
      el('p', { id: 'job-status' }, 'Status: ', Herald.statusBadge(job.status), ' · lane ', job.lane, ' · from ', job.from || 'default sender'),
      el('progress', { max: Math.max(1, job.total), value: job.done, 'aria-label': 'Progress' }),
      buttons,
      el('div', { class: 'grid' }, el('div', {}, el('h2', {}, 'Messages by state'),
        Herald.table([{ label: 'State', value: r => Herald.statusBadge(r[0]) }, { label: 'Messages', value: r => String(r[1]) }],
          Object.entries(job.counts).filter(([, n]) => n > 0), 'No messages.')),
        el('div', {}, el('h2', {}, 'Times (' + Herald.zoneName() + ')'),
          Herald.table([{ label: 'When', value: r => r[0] }, { label: 'Time', value: r => Herald.time(r[1]) }],
            [['Created', job.createdAt], ['Starts', job.status === 'scheduled' ? job.startAt : null], ['First send', job.firstSendAt],
              ['Started', job.startedAt], ['Ends', job.endAt], ['Finished', job.finishedAt]].filter(r => r[1])))),
      el('h2', {}, 'Report'),
      el('div', { class: 'actions' },
        el('a', { href: report, id: 'report', download: 'job-' + id + '.csv' }, 'Download report (CSV)'),
        el('a', { href: report + (report.includes('?') ? '&' : '?') + 'failed=true', id: 'report-failed', download: 'job-' + id + '-failed.csv' },
          'Download failed messages only')));
    clearTimeout(timer);
    if (!['completed', 'cancelled'].includes(job.status)) timer = setTimeout(load, 2000);
  }

  async function load() {
    try {
      show(await Herald.get('/api/v1/jobs/' + id));
    } catch (e) {
      Herald.say(message, e);
    }
  }
  await load();
});
