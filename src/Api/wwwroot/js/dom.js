// Small DOM helpers. Text from the API (file names, OCR, transcripts) only ever goes into textContent or attributes.

/** Creates an element: h('button', { class: 'x', onclick: f }, 'text', child). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  element.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return element;
}

/** Seconds as m:ss.s (or h:mm:ss for long videos). */
export function time(seconds) {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  if (m >= 60) return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(Math.floor(rest)).padStart(2, '0')}`;
  return `${m}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** Bytes as a short human size. */
export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Makes an element a drop target for files; calls onFiles(FileList). */
export function dropZone(element, onFiles) {
  element.addEventListener('dragover', e => { e.preventDefault(); element.classList.add('over'); });
  element.addEventListener('dragleave', () => element.classList.remove('over'));
  element.addEventListener('drop', e => {
    e.preventDefault();
    element.classList.remove('over');
    if (e.dataTransfer?.files?.length) onFiles(e.dataTransfer.files);
  });
}
