'use strict';
// The inbox: the account's conversations beside the open thread. A reply arriving shows without a
// reload (server-sent events); staff answer in the thread, close and reopen it.
Herald.page({ title: 'Inbox' }, async main => {
  const { el } = Herald;
  const message = el('div', { 'aria-live': 'polite' });
  const state = el('select', { id: 'c-state', 'aria-label': 'State' },
    [['', 'All'], ['active', 'Active'], ['closed', 'Closed']].map(([v, l]) => el('option', { value: v, selected: v === 'active' }, l)));
  const sender = el('select', { id: 'c-sender', 'aria-label': 'Number' }, el('option', { value: '' }, 'Every number'));
  const search = el('input', { id: 'c-search', type: 'search', placeholder: 'Phone or name', 'aria-label': 'Search' });
  const threads = el('div', { class: 'threads', id: 'conversations' });
  const thread = el('section', { class: 'card', id: 'thread' }, el('p', { class: 'muted' }, 'Choose a conversation.'));
  main.append(message, el('div', { class: 'inline', style: 'display:flex;gap:.5rem;margin-bottom:.7rem' }, state, sender, search),
    el('div', { class: 'inbox' }, threads, thread));
  let open = Number(Herald.param('id')) || null;

  try {
    const { senders } = await Herald.get('/api/v1/senders');
    senders.filter(s => s.takesReplies).forEach(s => sender.append(el('option', { value: s.address }, s.address)));
  } catch (e) { /* a user may not list senders: the filter stays "every number" */ }

  async function list() {
    const q = new URLSearchParams();
    if (state.value) q.set('state', state.value);
    if (sender.value) q.set('sender', sender.value);
    if (search.value.trim()) q.set('q', search.value.trim());
    const { conversations } = await Herald.get('/api/v1/conversations?' + q);
    threads.replaceChildren(...(conversations.length === 0 ? [el('p', { class: 'muted' }, 'No conversations.')]
      : conversations.map(c => el('button', { type: 'button', class: 'thread' + (c.unread ? ' unread' : ''),
        'aria-current': c.id === open ? 'true' : null, 'data-phone': c.phone, onclick: () => show(c.id) },
        (c.name ? c.name + ' · ' : '') + c.phone, c.unread ? el('span', { class: 'badge' }, String(c.unread)) : null,
        el('small', { class: 'muted', style: 'display:block' }, (c.lastText || '') + ' · ' + Herald.time(c.lastMessageAt))))));
  }

  async function show(id) {
    open = id;
    const c = await Herald.get('/api/v1/conversations/' + id);
    if (c.unread) await Herald.post('/api/v1/conversations/' + id + '/read');
    const text = el('textarea', { id: 'reply-text', required: true, 'aria-label': 'Reply', style: 'min-height:4rem' });
    const form = el('form', { id: 'reply', class: 'stack' }, text,
      el('button', { class: 'primary', type: 'submit', disabled: c.optedOut }, 'Send reply'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      try { await Herald.post('/api/v1/conversations/' + id + '/messages', { text: text.value }); show(id); } catch (err) { Herald.say(message, err); }
    });
    const toggle = el('button', { type: 'button', id: 'close-reopen', onclick: async () => {
      await Herald.post('/api/v1/conversations/' + id + (c.state === 'active' ? '/close' : '/reopen'));
      show(id); list();
    } }, c.state === 'active' ? 'Close' : 'Reopen');
    const bubbles = el('div', { class: 'bubbles', id: 'messages' }, c.messages.map(m =>
      el('div', { class: 'bubble ' + m.direction }, m.text,
        el('small', {}, Herald.time(m.at) + (m.direction === 'out' ? ' · ' + (m.by || m.source) + ' · ' + m.state : '')))));
    thread.replaceChildren(el('h2', {}, (c.name ? c.name + ' · ' : '') + c.phone, ' ', Herald.statusBadge(c.state)),
      el('p', { class: 'muted' }, 'To ' + c.sender), bubbles,
      c.optedOut ? el('p', { class: 'error', id: 'opted-out' }, c.phone + ' opted out: nothing can be sent until it opts back in.') : form,
      toggle);
    bubbles.scrollTop = bubbles.scrollHeight;
    list();
  }

  [state, sender].forEach(s => s.addEventListener('change', list));
  search.addEventListener('input', () => { clearTimeout(search.timer); search.timer = setTimeout(list, 250); });
  const events = new EventSource(Herald.withAccount('/api/v1/conversations/events'));
  events.addEventListener('conversation', e => {
    const changed = JSON.parse(e.data).conversationId;
    if (changed === open) show(open); else list();
  });
  await list();
  if (open) await show(open);
});
