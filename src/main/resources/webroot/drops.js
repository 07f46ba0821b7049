'use strict';
// Drop & Go Summary: each dropped file, how many rows it had and what became of them.
Herald.page({ title: 'Drop & Go Summary' }, main => ReportPage.build(main, { route: '/api/v1/reports/drops', kind: 'drop', empty: 'No files have been dropped in this period.' }));
