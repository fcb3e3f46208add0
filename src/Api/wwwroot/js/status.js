// The visible, aria-live status area: errors (ProblemDetails title and detail) and short notices.

const box = () => document.getElementById('status');

/** Shows a message; kind 'error' or 'info'. */
export function show(message, kind = 'info') {
  const element = box();
  document.getElementById('status-text').textContent = message;
  element.dataset.kind = kind;
  element.hidden = false;
}

/** Shows an error thrown by the API helpers (or any Error). */
export function error(e) {
  if (e?.name === 'AbortError') return;
  show(e?.message ?? String(e), 'error');
}

export function clear() {
  box().hidden = true;
  document.getElementById('status-text').textContent = '';
}

export function init() {
  document.getElementById('status-close').addEventListener('click', clear);
}
