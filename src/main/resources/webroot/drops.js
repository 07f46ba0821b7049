'use strict';
// Drop & Go Summary: each dropped file, how many rows it had and what became of them.
Herald.page({ title: 'Drop & Go Summary' }, main => {
  const { el } = Herald;
  const n = key => f => String(f[key] ?? 0);
  return ReportPage.build(main, { route: '/api/v1/reports/drops', empty: 'No files were dropped in this period.', columns: [
    { label: 'Received', value: f => Herald.time(f.receivedAt) },
    { label: 'File', value: f => el('a', { href: 'sent-log.html?file=' + f.id, 'aria-label': 'Messages of ' + f.name }, f.name) },
    { label: 'Profile', value: f => f.profile || '' },
    { label: 'Rows', value: n('rows') }, { label: 'Accepted', value: n('accepted') }, { label: 'Rejected', value: f => f.rejected > 0
      ? el('a', { href: 'rejects.html?file=' + f.id, 'aria-label': 'Rejected rows of ' + f.name }, String(f.rejected)) : '0' },
    { label: 'Queued', value: n('queued') }, { label: 'Sent', value: n('sent') }, { label: 'Delivered', value: n('delivered') },
    { label: 'Failed', value: n('failed') },
    { label: 'Status', value: f => Herald.statusBadge(f.status) },
    { label: 'Reason', value: f => f.reason || '' },
    { label: 'Job', value: f => f.jobId ? el('a', { href: 'job.html?id=' + f.jobId }, 'Job ' + f.jobId) : '' },
  ] });
});
