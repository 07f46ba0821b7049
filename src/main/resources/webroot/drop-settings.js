'use strict';
// Drop & Go settings: the account's drop profiles (account admins).
Herald.page({ title: 'Drop & Go Settings', roles: ['admin', 'operator'] }, async main => {
  const { el } = Herald;
  try {
    const r = await Herald.get('/api/v1/drop-profiles');
    const profiles = Array.isArray(r) ? r : (r.profiles || r.dropProfiles || []);
    main.append(Herald.table([
      { label: 'Profile', value: p => p.name || String(p.id) },
      { label: 'FTP user', value: p => p.ftpUser || p.username || '' },
      { label: 'Details', value: p => el('code', {}, JSON.stringify(p)) },
    ], profiles, 'No drop profiles yet.'));
  } catch (e) {
    if (e.status !== 404) throw e;
    main.append(el('p', { class: 'muted', id: 'no-drop' }, 'Drop & Go is not available on this server yet.'));
  }
});
