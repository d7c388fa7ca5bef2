// Sign-in of the operations dashboard: posts the pasted staff token to the session endpoint, which verifies it and
// keeps it in an HttpOnly cookie; then opens the dashboard. No inline script (the Content-Security-Policy forbids it).
const form = document.querySelector('#login');
const message = document.querySelector('#message');

const REASONS = {
  400: 'Paste a token first.',
  401: 'The token was refused: expired, signed by another key or issuer, or for a tenant this service does not serve.',
  403: 'The token carries no staff role.',
};

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.textContent = '';
  const token = document.querySelector('#token').value.trim().replace(/^Bearer\s+/i, '');
  try {
    const response = await fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/problem+json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
    });
    if (response.ok) {
      location.assign('/dashboard/index.html');
      return;
    }
    message.textContent = REASONS[response.status] ?? `Sign-in failed (${response.status}).`;
  } catch (error) {
    message.textContent = `Sign-in failed: ${error.message}`;
  }
});
