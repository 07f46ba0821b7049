'use strict';
// Logs in with e-mail and password; the server sets the session cookie.
document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const message = document.getElementById('message');
  message.replaceChildren();
  const button = document.getElementById('submit');
  button.disabled = true;
  try {
    const response = await fetch('/auth/login', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'herald-ui' },
      body: JSON.stringify({ email: document.getElementById('email').value, password: document.getElementById('password').value }),
    });
    if (response.ok) {
      const next = new URLSearchParams(location.search).get('next');
      // only a path on this site, never an address elsewhere
      location.href = next && next.startsWith('/') && !next.startsWith('//') ? next : 'index.html';
      return;
    }
    const body = await response.json().catch(() => ({}));
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.id = 'login-error';
    p.textContent = body.error || 'Log-in failed (' + response.status + ')';
    message.append(p);
  } finally {
    button.disabled = false;
  }
});
