'use strict';
// Sent Log: every message sent in a period (or of one dropped file), with its outcome.
Herald.page({ title: 'Sent Log' }, main => {
  const { el } = Herald;
  if (Herald.param('file')) {
    main.append(el('p', { id: 'file-filter' }, 'Messages of one dropped file. ', el('a', { href: 'sent-log.html' }, 'Show all messages')));
  }
  return ReportPage.build(main, { route: '/api/v1/reports/sent-log', params: ['file'], empty: 'Nothing was sent in this period.', columns: [
    { label: 'Time', value: m => Herald.time(m.time) },
    { label: 'To', value: m => m.name ? m.to + ' (' + m.name + ')' : m.to },
    { label: 'Status', value: m => Herald.statusBadge(m.status) },
    { label: 'Text', value: m => m.text },
    { label: 'File', value: m => m.fileId ? el('a', { href: 'sent-log.html?file=' + m.fileId }, m.file) : '' },
    { label: 'Error', value: m => m.error || '' },
  ] });
});
