// Talking to the server: JSON requests, ProblemDetails errors, the API key, uploads with progress.

const keyName = 'cbvr.apiKey';

export function apiKey() {
  return localStorage.getItem(keyName) ?? '';
}

export function setApiKey(key) {
  if (key) localStorage.setItem(keyName, key);
  else localStorage.removeItem(keyName);
  setKeyCookie(key);
}

/**
 * Images, the video player and the job event stream cannot send headers: the server also takes the key from this cookie,
 * for reads only (reads from other machines need the key unless Api:ReadAccess is Anyone). Same-site requests only.
 */
function setKeyCookie(key) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = key
    ? `cbvr-key=${encodeURIComponent(key)}; Path=/; SameSite=Strict${secure}`
    : 'cbvr-key=; Path=/; SameSite=Strict; Max-Age=0';
}

setKeyCookie(apiKey());

/** The server prints http://host/?key=KEY once: keep the key and take it out of the address bar. */
export function takeKeyFromUrl() {
  const url = new URL(location.href);
  const key = url.searchParams.get('key');
  if (key === null) return false;
  setApiKey(key);
  url.searchParams.delete('key');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return true;
}

/** An HTTP error with the ProblemDetails title and detail as its message. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(ApiError.text(status, title, detail));
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }

  static text(status, title, detail) {
    if (status === 401) {
      return `${title || 'Unauthorized'}: ${detail || 'this change needs the API key'}. `
        + 'Open Settings and enter the API key the server printed when it started.';
    }
    return [title || `HTTP ${status}`, detail].filter(Boolean).join(': ');
  }
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { 'X-Api-Key': key, ...extra } : extra;
}

async function problem(response) {
  let title = response.statusText;
  let detail = '';
  try {
    const body = await response.json();
    title = body.title ?? title;
    detail = body.detail ?? '';
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, title, detail);
}

/** GET (or another method with an optional JSON body); resolves to the parsed JSON, or null for 204. */
export async function request(method, path, body, signal) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }), signal };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error', `${method} ${path} failed: the server did not answer`);
  }
  if (!response.ok) throw await problem(response);
  return response.status === 204 ? null : response.json();
}

export const get = (path, signal) => request('GET', path, undefined, signal);
export const post = (path, body, signal) => request('POST', path, body, signal);
export const del = path => request('DELETE', path);

/** POSTs a multipart form with XMLHttpRequest so that upload progress (0..1) can be shown; resolves to the JSON answer. */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = e => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'Network error', `upload to ${path} failed: the server did not answer`));
    xhr.onload = () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body?.title ?? xhr.statusText, body?.detail ?? ''));
    };
    xhr.send(form);
  });
}
