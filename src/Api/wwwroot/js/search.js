// The search page: text, example upload, more-like-this, rerank/group toggles, relevance feedback, grouped view.
import { get, post, upload } from './api.js';
import { hitCard } from './card.js';
import { dropZone, h } from './dom.js';
import * as player from './player.js';
import * as status from './status.js';

const limit = 48;
const $ = id => document.getElementById(id);

/** The query the results came from: { kind: 'text'|'upload'|'similar', text, videoId, label }. */
let current = null;
const marks = new Map();
let controller = null;

const options = () => ({ rerank: $('rerank').checked, group: $('group').checked });

function query(parameters) {
  const search = new URLSearchParams({ limit, explain: true, ...parameters });
  return search.toString();
}

async function run(kind, fetchResults, label) {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const results = $('results');
  results.setAttribute('aria-busy', 'true');
  $('search-info').textContent = `Searching ${label}…`;
  try {
    const response = await fetchResults(signal);
    if (signal.aborted) return;
    render(response, label);
  } catch (e) {
    if (signal.aborted) return;
    $('search-info').textContent = '';
    status.error(e);
  } finally {
    if (!signal.aborted) results.removeAttribute('aria-busy');
  }
}

function startText(text) {
  current = { kind: 'text', text, label: `“${text}”` };
  marks.clear();
  refresh();
}

function startUpload(file) {
  current = { kind: 'upload', file, label: `example ${file.name}` };
  marks.clear();
  refresh();
}

function startSimilar(hit) {
  current = { kind: 'similar', videoId: hit.videoId, label: `videos like ${hit.fileName}` };
  marks.clear();
  refresh();
}

/** Runs the current query again (toggles changed, feedback given or cleared). */
function refresh() {
  if (!current) return;
  const { rerank, group } = options();
  if (marks.size > 0) return runFeedback();
  if (current.kind === 'text') {
    return run('text', s => get(`/api/search?${query({ q: current.text, rerank, group })}`, s), current.label);
  }
  if (current.kind === 'similar') {
    return run('similar', s => get(`/api/search/similar/${encodeURIComponent(current.videoId)}?${query({ rerank, group })}`, s), current.label);
  }
  const form = new FormData();
  form.append('file', current.file, current.file.name);
  for (const [name, value] of Object.entries({ limit, rerank, group, explain: true })) form.append(name, String(value));
  return run('upload', () => upload('/api/search/upload', form, p => {
    $('search-info').textContent = p < 1 ? `Uploading ${current.file.name}: ${Math.round(p * 100)}%` : `Analysing ${current.file.name}…`;
  }), current.label);
}

/** Relevance feedback: the same request plus the marked videos, POSTed; an example upload is refined by its relevant hits. */
function runFeedback() {
  const relevant = [...marks].filter(([, m]) => m === 'relevant').map(([id]) => id);
  const irrelevant = [...marks].filter(([, m]) => m === 'irrelevant').map(([id]) => id);
  const body = { limit, explain: true, ...options(), relevant, irrelevant };
  if (current.kind === 'text') body.text = current.text;
  if (current.kind === 'similar') Object.assign(body, { exampleIds: [current.videoId], exclude: [current.videoId] });
  if (current.kind === 'upload') {
    if (relevant.length === 0) {
      status.show('To refine a search by an uploaded example, mark at least one hit as relevant (👍).', 'info');
      return undefined;
    }
    body.exampleIds = relevant;
  }
  return run('feedback', s => post('/api/search', body, s), current.label);
}

function feedback(hit, mark) {
  if (marks.get(hit.videoId) === mark) marks.delete(hit.videoId);
  else marks.set(hit.videoId, mark);
  const button = mark === 'relevant' ? 'up' : 'down';
  // the cards are rebuilt: keep the keyboard focus on the same button of the same video
  Promise.resolve(refresh()).then(() => {
    document.querySelector(`#results .card[data-video-id="${CSS.escape(hit.videoId)}"] button.${button}`)?.focus();
  });
}

function renderFeedbackBar() {
  const relevant = [...marks.values()].filter(m => m === 'relevant').length;
  const irrelevant = marks.size - relevant;
  $('feedback-bar').hidden = marks.size === 0;
  $('feedback-bar').dataset.state = marks.size === 0 ? 'none' : 'applied';
  $('feedback-text').textContent = `Feedback applied: ${relevant} relevant, ${irrelevant} not relevant. The results are reranked by it.`;
}

function render(response, label) {
  const actions = {
    open: hit => player.open(hit.videoId, { start: hit.evidence?.shot?.startSeconds ?? 0, shot: hit.evidence?.shot?.index, concepts: (hit.evidence?.concepts ?? []).map(c => c.id) }),
    similar: startSimilar,
    feedback,
    mark: id => marks.get(id) ?? null,
  };
  const hits = response.hits ?? [];
  const rounds = response.rerank?.length ?? 0;
  const seconds = (response.timingsMs?.total ?? 0) / 1000;
  $('search-info').textContent = [
    `${hits.length} ${hits.length === 1 ? 'video' : 'videos'} for ${label}`,
    `${response.searched} searched`,
    `${seconds.toFixed(1)} s`,
    rounds > 0 ? `reranked in ${rounds} ${rounds === 1 ? 'round' : 'rounds'}` : null,
    ...(response.notes ?? []),
  ].filter(Boolean).join(' · ');
  renderFeedbackBar();
  const results = $('results');
  results.dataset.kind = response.kind ?? '';
  results.dataset.feedback = marks.size > 0 ? 'applied' : 'none';
  results.replaceChildren();
  if (hits.length === 0) {
    results.append(h('p', { class: 'empty' }, 'No videos matched. Try other words or an example clip.'));
    return;
  }
  const byId = new Map(hits.map(hit => [hit.videoId, hit]));
  if (options().group && response.groups?.length) {
    const placed = new Set();
    for (const group of response.groups) {
      const members = group.videoIds.map(id => byId.get(id)).filter(Boolean);
      members.forEach(m => placed.add(m.videoId));
      results.append(section(`${group.label || 'Group'} (${members.length})`, members, actions, group.id));
    }
    const rest = hits.filter(hit => !placed.has(hit.videoId));
    if (rest.length) results.append(section(`Other (${rest.length})`, rest, actions, 'other'));
  } else {
    results.append(h('ul', { class: 'grid', 'aria-label': 'Results' }, hits.map(hit => hitCard(hit, actions))));
  }
}

function section(title, hits, actions, id) {
  const headingId = `group-${id}`;
  return h('section', { class: 'group', 'aria-labelledby': headingId, dataset: { group: id } },
    h('h2', { id: headingId }, title),
    h('ul', { class: 'grid' }, hits.map(hit => hitCard(hit, actions))));
}

export function init() {
  $('search-form').addEventListener('submit', e => {
    e.preventDefault();
    const text = $('q').value.trim();
    if (text) startText(text);
    else status.show('Type some words to search for, or choose an example file.', 'info');
  });
  $('rerank').addEventListener('change', refresh);
  $('group').addEventListener('change', refresh);
  $('feedback-clear').addEventListener('click', () => { marks.clear(); refresh(); $('q').focus(); });
  $('example-file').addEventListener('change', e => {
    const file = e.target.files?.[0];
    if (file) startUpload(file);
    e.target.value = '';
  });
  dropZone($('example-drop'), files => startUpload(files[0]));
}
