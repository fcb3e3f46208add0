// Ingest: uploads with progress (XMLHttpRequest) and a live progress bar per job fed by the SSE stream /api/jobs/events.
import { del, upload } from './api.js';
import { h } from './dom.js';
import * as status from './status.js';

const $ = id => document.getElementById(id);
const terminal = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);
const rows = new Map();
/** The last state seen of every job, also of those without a row (an upload's answer may come after its job finished). */
const latest = new Map();
let source = null;

/** Opens the job event stream once; every job's progress then updates (or adds) its row. */
export function watch() {
  if (source) return;
  source = new EventSource('/api/jobs/events');
  source.addEventListener('job', e => {
    try {
      update(JSON.parse(e.data));
    } catch {
      // a malformed event is skipped; the next one carries the full state again
    }
  });
}

function row(name) {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': `Progress of ${name}` });
  const text = h('span', { class: 'job-text' }, 'uploading 0%');
  const button = h('button', { type: 'button', class: 'quiet job-action' }, 'Cancel');
  const li = h('li', { class: 'job', dataset: { status: 'uploading' } }, h('span', { class: 'job-name' }, name), bar, text, button);
  li.parts = { bar, text, button, name };
  return li;
}

function setAction(li, label, action) {
  const { button } = li.parts;
  button.textContent = label;
  button.onclick = action;
  button.hidden = !action;
}

/** Applies a JobDto to its row. */
function update(job) {
  latest.set(job.id, job);
  let li = rows.get(job.id);
  if (!li) {
    if (terminal.has(job.status) && job.status !== 'failed') return; // finished before this page saw it
    li = row(job.path.split(/[\\/]/).pop());
    li.dataset.jobId = job.id;
    rows.set(job.id, li);
    $('jobs').append(li);
  }
  const previous = li.dataset.status;
  li.dataset.status = job.status;
  li.parts.bar.value = job.progress;
  const pct = `${Math.round(job.progress * 100)}%`;
  li.parts.text.textContent = {
    queued: 'queued',
    running: `${job.stage ?? 'running'} · ${pct}`,
    succeeded: 'done',
    skipped: 'already in the library',
    cancelled: 'cancelled',
    failed: `failed: ${job.error ?? 'unknown error'}`,
  }[job.status] ?? job.status;
  if (terminal.has(job.status)) {
    setAction(li, 'Dismiss', () => { li.remove(); rows.delete(job.id); });
    if (previous !== job.status) {
      if (job.status === 'failed') status.show(`Ingest of ${li.parts.name} failed: ${job.error ?? 'unknown error'}`, 'error');
      document.dispatchEvent(new CustomEvent('library-changed', { detail: job }));
    }
  } else {
    setAction(li, 'Cancel', () => del(`/api/jobs/${job.id}`).catch(status.error));
  }
}

/** Uploads files one request each (so each has its own upload progress), then follows their jobs. */
export function ingest(files) {
  watch();
  for (const file of files) {
    const li = row(file.name);
    $('jobs').append(li);
    setAction(li, null, null);
    const form = new FormData();
    form.append('file', file, file.name);
    upload('/api/ingest', form, p => {
      li.parts.bar.value = p;
      li.parts.text.textContent = `uploading ${Math.round(p * 100)}%`;
    }).then(answer => {
      const jobId = answer?.jobs?.[0]?.jobId;
      const known = rows.get(jobId);
      if (known) {
        // the stream was faster than the upload's answer: keep its row, with the file's own name
        known.querySelector('.job-name').textContent = file.name;
        known.parts.name = file.name;
        li.remove();
        return;
      }
      li.dataset.jobId = jobId;
      li.dataset.status = 'queued';
      li.parts.bar.value = 0;
      li.parts.text.textContent = 'queued';
      rows.set(jobId, li);
      setAction(li, 'Cancel', () => del(`/api/jobs/${jobId}`).catch(status.error));
      if (latest.has(jobId)) update(latest.get(jobId));
    }).catch(e => {
      li.dataset.status = 'failed';
      li.parts.text.textContent = `upload failed: ${e.message}`;
      setAction(li, 'Dismiss', () => li.remove());
      status.error(e);
    });
  }
}
