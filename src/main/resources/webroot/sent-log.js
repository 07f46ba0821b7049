'use strict';
// Sent Log: every message sent in a period, with its outcome.
Herald.page({ title: 'Sent Log' }, main => ReportPage.build(main, { route: '/api/v1/reports/sent-log', kind: null, empty: 'Nothing was sent in this period.' }));
