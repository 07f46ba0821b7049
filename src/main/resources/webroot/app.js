// Herald admin UI: a thin view over the JSON API. Every page calls Herald.page(); the server
// enforces every permission, the menu only hides what a role cannot use.
'use strict';
const Herald = (() => {
  // The menu, grouped so each kind of work has one place; a group shows only what the role can use.
  const MENU = [
    { label: 'Dashboard', href: 'index.html' },
    { label: 'Messaging', pages: [
      { href: 'inbox.html', label: 'Inbox' },
      { href: 'compose.html', label: 'Compose' },
      { href: 'jobs.html', label: 'Jobs' },
      { href: 'campaigns.html', label: 'Proactive SMS' },
      { href: 'answers.html', label: 'Messaging Answers' },
      { href: 'alerts.html', label: 'Mass Text Alerts', roles: ['admin', 'operator'] },
      { href: 'broadcasts.html', label: 'Broadcasts' },
      { href: 'sms-library.html', label: 'SMS Library' }] },
    { label: 'Contacts', pages: [
      { href: 'contacts.html', label: 'Contacts' },
      { href: 'groups.html', label: 'Groups' },
      { href: 'opt-outs.html', label: 'Opt-outs' },
      { href: 'fields.html', label: 'Fields', roles: ['admin', 'operator'] }] },
    { label: 'Reports', pages: [
      { href: 'sent-log.html', label: 'Sent Log' },
      { href: 'drops.html', label: 'Drop & Go Summary' }] },
    { label: 'Settings', pages: [
      { href: 'drop-settings.html', label: 'Drop & Go', roles: ['admin', 'operator'] },
      { href: 'senders.html', label: 'Senders', roles: ['admin', 'operator'] },
      { href: 'users.html', label: 'Users', roles: ['admin', 'operator'] },
      { href: 'api-keys.html', label: 'API keys', roles: ['admin', 'operator'] },
      { href: 'api-reference.html', label: 'API reference' },
      { href: 'notifications.html', label: 'Notifications' }] },
    { label: 'Operators', pages: [
      { href: 'accounts.html', label: 'Accounts', roles: ['operator'] },
      { href: 'smsc.html', label: 'SMSC Connections', roles: ['operator'] },
      { href: 'outbox.html', label: 'Outbox', roles: ['operator'] }] },
  ];

  let me = null;

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || ('request failed (' + status + ')'));
      this.status = status;
      this.body = body;
    }
  }

  /** Element builder: el('td', {class: 'x'}, 'text', child). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'text') node.textContent = v;
      else if (k === 'style') node.style.cssText = v; // through the CSSOM, which the page's CSP allows

      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** The account an operator is looking at (operators belong to none). */
  function accountId() {
    if (!me) return null;
    if (me.account) return me.account.id;
    const chosen = Number(localStorage.getItem('herald.account'));
    const list = me.accounts || [];
    return (list.find(a => a.id === chosen) || list[0] || {}).id || null;
  }

  function account() {
    if (!me) return null;
    return me.account || (me.accounts || []).find(a => a.id === accountId()) || null;
  }

  /** path with ?account=ID for operators. */
  function withAccount(path) {
    if (!me || me.role !== 'operator' || accountId() === null) return path;
    return path + (path.includes('?') ? '&' : '?') + 'account=' + accountId();
  }

  async function api(method, path, body) {
    const headers = { 'X-Requested-With': 'herald-ui' };
    if (method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrf;
    const init = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path.startsWith('/auth/') ? path : withAccount(path), init);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
    if (response.status === 401 && !path.startsWith('/auth/')) {
      location.href = 'login.html?next=' + encodeURIComponent(location.pathname + location.search);
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  const get = path => api('GET', path);
  const post = (path, body) => api('POST', path, body === undefined ? {} : body);
  const put = (path, body) => api('PUT', path, body);
  const del = path => api('DELETE', path);

  /** A time in the account's time zone (UTC for an operator with no account chosen). */
  function time(iso) {
    if (!iso) return '';
    const zone = (account() && account().timeZone) || 'UTC';
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'short', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
  }

  function zoneName() {
    return (account() && account().timeZone) || 'UTC';
  }

  function errorBox(err) {
    return el('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err));
  }

  /** Shows a message in a page's message area. */
  function say(area, message, ok) {
    area.replaceChildren(ok ? el('p', { class: 'notice', role: 'status' }, message) : errorBox(message));
  }

  /** A table from column specs {label, value(row) -> text|Node}. */
  function table(columns, rows, empty) {
    if (!rows.length) return el('p', { class: 'muted' }, empty || 'Nothing here yet.');
    return el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, columns.map(c => el('th', { scope: 'col' }, c.label)))),
      el('tbody', {}, rows.map(r => el('tr', {}, columns.map(c => el('td', {}, c.value(r))))))));
  }

  function statusBadge(status) {
    // unknown: sent, but whether it arrived is not known (no receipt within the timeout)
    const cls = ['completed', 'delivered', 'bound', 'up', 'active'].includes(status) ? 'ok'
      : ['cancelled', 'failed', 'undeliverable', 'expired', 'down', 'opted-out', 'disabled', 'revoked'].includes(status) ? 'bad'
        : status === 'unknown' ? 'warn' : '';
    return el('span', { class: 'status ' + cls }, status);
  }

  function header(current) {
    const nav = el('nav', { 'aria-label': 'Main' });
    const closeAll = except => nav.querySelectorAll('.menu').forEach(m => {
      if (m !== except) { m.classList.remove('open'); m.querySelector('button').setAttribute('aria-expanded', 'false'); }
    });
    for (const group of MENU) {
      if (group.href) {
        nav.append(el('a', { href: group.href, 'aria-current': group.href === current ? 'page' : null }, group.label));
        continue;
      }
      const pages = group.pages.filter(p => !p.roles || p.roles.includes(me.role));
      if (pages.length === 0) continue;
      const here = pages.some(p => p.href === current);
      const menu = el('div', { class: 'menu', 'data-group': group.label });
      const button = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-haspopup': 'true',
        class: here ? 'here' : null, onclick: () => {
          const open = !menu.classList.contains('open');
          closeAll(menu);
          menu.classList.toggle('open', open);
          button.setAttribute('aria-expanded', String(open));
        } }, group.label);
      menu.append(button, el('div', { class: 'menu-items' }, pages.map(p =>
        el('a', { href: p.href, 'aria-current': p.href === current ? 'page' : null }, p.label))));
      nav.append(menu);
    }
    document.addEventListener('click', e => { if (!nav.contains(e.target)) closeAll(null); });
    document.addEventListener('keydown', e => { if (e.key === 'Escape') closeAll(null); });
    if (me.role !== 'operator' || accountId() !== null) { // the unread badge; the page works without it
      api('GET', '/api/v1/conversations?limit=1').then(r => {
        const messaging = nav.querySelector('.menu[data-group="Messaging"] button');
        if (messaging && r.unread > 0) messaging.append(el('span', { class: 'badge', id: 'unread' }, String(r.unread)));
      }).catch(() => {});
    }
    const who = el('div', { class: 'who' });
    if (me.role === 'operator') {
      const select = el('select', { id: 'account-picker', 'aria-label': 'Account' },
        (me.accounts || []).map(a => el('option', { value: a.id, selected: a.id === accountId() }, a.name)));
      select.addEventListener('change', () => { localStorage.setItem('herald.account', select.value); location.reload(); });
      who.append(el('label', { class: 'check' }, 'Account', select));
    } else {
      who.append(el('span', {}, me.account ? me.account.name : ''));
    }
    who.append(el('span', { id: 'who' }, me.email + ' (' + me.role + ')'),
      el('button', { type: 'button', id: 'logout', onclick: logout }, 'Log out'));
    return el('header', { class: 'top' }, el('span', { class: 'brand' }, 'Herald'), nav, who);
  }

  async function logout() {
    try { await api('POST', '/auth/logout'); } catch (e) { /* already gone */ }
    location.href = 'login.html';
  }

  /**
   * Sets a page up: who is logged in (to the log-in page if nobody), the menu, and the roles that
   * may use it. build(main) fills the page.
   */
  async function page(options, build) {
    try {
      me = await api('GET', '/auth/session');
    } catch (e) {
      location.href = 'login.html?next=' + encodeURIComponent(location.pathname + location.search);
      return;
    }
    const current = location.pathname.split('/').pop() || 'index.html';
    document.body.prepend(header(current));
    const main = document.getElementById('main');
    document.title = options.title + ' · Herald';
    main.replaceChildren(el('h1', {}, options.title));
    if (options.roles && !options.roles.includes(me.role)) {
      main.append(el('p', { class: 'error', role: 'alert', id: 'forbidden' }, 'You do not have access to this page.'));
      return;
    }
    try {
      await build(main);
    } catch (e) {
      main.append(errorBox(e));
    }
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  /** A label wrapping its input, so every field has a visible, clickable label. */
  function field(label, input) {
    return el('label', {}, label, input);
  }

  return { el, api, get, post, put, del, page, time, zoneName, table, statusBadge, errorBox, say, param, field,
    withAccount, me: () => me, accountId, ApiError };
})();
