// The library page: a paged list of all videos with their analysis status, delete, and ingest by drag and drop.
import { del, get } from './api.js';
import { dropZone, h, size, time } from './dom.js';
import * as jobs from './jobs.js';
import * as player from './player.js';
import * as status from './status.js';
import { forget, keyframeUrl, thumbnailUrl } from './videos.js';

const $ = id => document.getElementById(id);
const pageSize = 24;
let offset = 0;
let total = 0;
let loading = null;

/** Asks "Delete …?" in a dialog; resolves to true when confirmed. */
export function confirm(text) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }));
}

function stepsSummary(steps) {
  if (!steps?.length) return h('span', { class: 'muted' }, 'no analysis');
  const counts = {};
  for (const s of steps) counts[s.status] = (counts[s.status] ?? 0) + 1;
  const text = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ');
  return h('details', { class: 'steps' },
    h('summary', {}, `Analysis: ${text}`),
    h('ul', {}, steps.map(s => h('li', { dataset: { status: s.status } }, `${s.step}: ${s.status}${s.error ? ` (${s.error})` : ''}`))));
}

async function remove(v) {
  if (!await confirm(`Delete ${v.fileName} from the library? Its analysis is removed too.`)) return;
  try {
    await del(`/api/videos/${encodeURIComponent(v.id)}`);
    forget(v.id);
    status.show(`Deleted ${v.fileName}.`);
    document.dispatchEvent(new CustomEvent('library-changed'));
  } catch (e) {
    status.error(e);
  }
}

function thumbnail(v) {
  const image = h('img', { src: thumbnailUrl(v.id), alt: `Thumbnail of ${v.fileName}`, loading: 'lazy', width: 320, height: 180 });
  image.addEventListener('error', () => { image.src = keyframeUrl(v.id, 0); }, { once: true });
  return image;
}

function item(v) {
  return h('li', { class: 'video', dataset: { videoId: v.id } },
    h('button', { type: 'button', class: 'thumb-button', 'aria-label': `Play ${v.fileName}`, onclick: () => player.open(v.id) },
      thumbnail(v)),
    h('h3', { class: 'name' }, v.fileName),
    h('p', { class: 'muted' }, `${time(v.durationSeconds)} · ${v.shotCount} ${v.shotCount === 1 ? 'shot' : 'shots'} · ${v.width}×${v.height} · ${size(v.sizeBytes)}`),
    stepsSummary(v.analysis?.steps),
    h('button', { type: 'button', class: 'danger delete', 'aria-label': `Delete ${v.fileName}`, onclick: () => remove(v) }, 'Delete'));
}

/** Loads the current page of the library. */
export async function load() {
  const [sort, order] = $('library-sort').value.split(':');
  const pending = get(`/api/videos?offset=${offset}&limit=${pageSize}&sort=${sort}&order=${order}`);
  loading = pending;
  try {
    const page = await pending;
    if (loading !== pending) return;
    total = page.total;
    if (page.items.length === 0 && offset > 0) {
      offset = Math.max(0, offset - pageSize);
      await load();
      return;
    }
    $('library').replaceChildren(...page.items.map(item));
    if (page.items.length === 0) $('library').append(h('li', { class: 'empty' }, 'The library is empty: drop some videos above.'));
    $('library-count').textContent = `${total} ${total === 1 ? 'video' : 'videos'}`;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    $('library-page').textContent = `Page ${Math.floor(offset / pageSize) + 1} of ${pages}`;
    $('library-prev').disabled = offset === 0;
    $('library-next').disabled = offset + pageSize >= total;
  } catch (e) {
    status.error(e);
  }
}

let refreshTimer = 0;

export function init() {
  $('library-sort').addEventListener('change', () => { offset = 0; load(); });
  $('library-prev').addEventListener('click', () => { offset = Math.max(0, offset - pageSize); load(); });
  $('library-next').addEventListener('click', () => { offset += pageSize; load(); });
  $('ingest-file').addEventListener('change', e => {
    if (e.target.files?.length) jobs.ingest([...e.target.files]);
    e.target.value = '';
  });
  dropZone($('ingest-drop'), files => jobs.ingest([...files]));
  document.addEventListener('library-changed', () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { forget(); if (!$('page-library').hidden) load(); }, 200);
  });
}
