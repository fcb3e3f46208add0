// The player dialog: the video opened at the matched shot, the shot timeline with concept and word markers, the video's detail.
import { h, size, time } from './dom.js';
import * as status from './status.js';
import { detail, fileUrl } from './videos.js';

const $ = id => document.getElementById(id);
let opened = 0;

/** Opens the player for a video at a start time; shot: the matched shot to highlight; concepts: the query's concept ids. */
export async function open(videoId, { start = 0, shot = null, concepts = [] } = {}) {
  const ticket = ++opened;
  const dialog = $('player');
  const video = $('player-video');
  $('player-title').textContent = 'Loading…';
  $('timeline').replaceChildren();
  $('player-detail').replaceChildren();
  video.dataset.videoId = videoId;
  video.dataset.start = String(start);
  video.dataset.ready = 'false';
  // A format browsers cannot play is converted on its first play (a few seconds): say so while the player waits.
  const note = $('player-note');
  note.hidden = true;
  const slow = setTimeout(() => {
    note.textContent = 'Preparing the video for the browser (first play of this file)…';
    note.hidden = false;
  }, 800);
  video.onloadedmetadata = () => {
    clearTimeout(slow);
    note.hidden = true;
    video.currentTime = start;
    video.dataset.ready = 'true';
  };
  video.onerror = () => {
    clearTimeout(slow);
    note.hidden = true;
  };
  video.src = fileUrl(videoId);
  if (!dialog.open) dialog.showModal();
  $('player-close').focus();
  try {
    const d = await detail(videoId);
    if (ticket !== opened) return;
    $('player-title').textContent = d.video.fileName;
    video.setAttribute('aria-label', `Video ${d.video.fileName}`);
    $('timeline').replaceChildren(...timeline(d, video, shot, concepts));
    $('player-detail').replaceChildren(...info(d, video));
  } catch (e) {
    status.error(e);
  }
}

export function close() {
  $('player').close();
}

function seek(video, seconds) {
  video.currentTime = seconds;
}

const percent = (seconds, total) => `${Math.min(100, Math.max(0, (seconds / total) * 100))}%`;

/** The concepts of a video's shots, best first: [{ id, name, best }]. */
function shotConcepts(shots) {
  const all = new Map();
  for (const s of shots) {
    for (const c of s.concepts ?? []) {
      const known = all.get(c.concept);
      if (!known || known.best < c.score) all.set(c.concept, { id: c.concept, name: c.name, best: c.score });
    }
  }
  return [...all.values()].sort((a, b) => b.best - a.best);
}

function timeline(d, video, matched, queryConcepts) {
  const total = d.video.durationSeconds || Math.max(1, ...d.shots.map(s => s.endSeconds));
  const segments = h('div', { class: 'shots', role: 'group', 'aria-label': 'Shots' }, d.shots.map(s => h('button', {
    type: 'button',
    class: s.index === matched ? 'shot matched' : 'shot',
    style: `left:${percent(s.startSeconds, total)};width:${percent(s.endSeconds - s.startSeconds, total)}`,
    'aria-label': `Shot ${s.index + 1}, ${time(s.startSeconds)} to ${time(s.endSeconds)}${s.index === matched ? ', matched' : ''}`,
    'aria-current': s.index === matched ? 'true' : null,
    title: `Shot ${s.index + 1}: ${time(s.startSeconds)}–${time(s.endSeconds)}`,
    dataset: { shot: s.index, start: s.startSeconds },
    onclick: () => seek(video, s.startSeconds),
  }, String(s.index + 1))));
  const playhead = h('div', { class: 'playhead', 'aria-hidden': 'true' });
  video.ontimeupdate = () => { playhead.style.left = percent(video.currentTime, total); };

  const concepts = shotConcepts(d.shots);
  const chosen = concepts.find(c => queryConcepts.includes(c.id)) ?? concepts[0];
  const conceptMarkers = h('div', { class: 'markers concepts-row', 'aria-hidden': 'true' });
  const select = h('select', { id: 'timeline-concept' }, concepts.map(c => h('option', { value: c.id, selected: c === chosen }, `${c.name} (${c.id.split(':')[0]})`)));
  const drawConcept = () => {
    conceptMarkers.replaceChildren(...d.shots.flatMap(s => (s.concepts ?? []).filter(c => c.concept === select.value).map(c => h('span', {
      class: 'marker concept', title: `${c.name} ${c.score.toFixed(2)} in shot ${s.index + 1}`,
      style: `left:${percent(s.startSeconds, total)};width:${percent(s.endSeconds - s.startSeconds, total)};opacity:${0.25 + 0.75 * c.score}`,
      onclick: () => seek(video, s.startSeconds),
    }))));
  };
  select.addEventListener('change', drawConcept);
  drawConcept();

  const texts = d.shots.flatMap(s => s.texts ?? []);
  const words = h('div', { class: 'markers words-row', 'aria-hidden': 'true' }, texts.map(t => h('span', {
    class: `marker word ${t.source}`, title: `${t.source.toUpperCase()} ${time(t.startSeconds)}: ${t.text}`,
    style: `left:${percent(t.startSeconds, total)}`, onclick: () => seek(video, t.startSeconds),
  })));
  return [
    h('div', { class: 'track' }, segments, playhead),
    concepts.length > 0 && h('div', { class: 'track-row' }, h('label', { for: 'timeline-concept' }, 'Concept'), select, conceptMarkers),
    texts.length > 0 && h('div', { class: 'track-row' }, h('span', { class: 'row-label' }, 'Words'), words),
  ].filter(Boolean);
}

/** Lines of text (ASR or OCR) per shot, each a button that seeks to its start. */
function textLines(d, video, source) {
  const lines = d.shots.map(s => (s.texts ?? []).filter(t => t.source === source)).filter(t => t.length > 0);
  return lines.map(words => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => seek(video, words[0].startSeconds) }, time(words[0].startSeconds)),
    ' ', words.map(w => w.text).join(' ')));
}

function info(d, video) {
  const v = d.video;
  const top = v.analysis?.topConcepts ?? [];
  const steps = v.analysis?.steps ?? [];
  const transcript = textLines(d, video, 'asr');
  const ocr = textLines(d, video, 'ocr');
  return [
    h('p', { class: 'muted' }, `${time(v.durationSeconds)} · ${v.width}×${v.height} · ${d.shots.length} shots · ${v.videoCodec}${v.audioCodec ? ` + ${v.audioCodec}` : ''} · ${size(v.sizeBytes)}`),
    top.length > 0 && h('section', {}, h('h3', {}, 'Concepts'), h('ul', { class: 'chips' }, top.map(c => h('li', {}, h('button', {
      type: 'button', class: 'chip', title: `best in shot ${c.shot + 1}; in ${c.shots} shots`,
      onclick: () => seek(video, d.shots.find(s => s.index === c.shot)?.startSeconds ?? 0),
    }, `${c.name} ${c.score.toFixed(2)}`))))),
    h('section', {}, h('h3', {}, 'Transcript'), transcript.length ? h('ul', { class: 'lines' }, transcript) : h('p', { class: 'muted' }, v.analysis?.transcript || 'No speech recognised.')),
    h('section', {}, h('h3', {}, 'On-screen text'), ocr.length ? h('ul', { class: 'lines' }, ocr) : h('p', { class: 'muted' }, v.analysis?.ocrText || 'No text found.')),
    steps.length > 0 && h('details', {}, h('summary', {}, 'Analysis steps'), h('ul', { class: 'steps' }, steps.map(s => h('li', { dataset: { status: s.status } }, `${s.step}: ${s.status}${s.error ? ` (${s.error})` : ''}, ${s.durationMs} ms`)))),
  ].filter(Boolean);
}

export function init() {
  const dialog = $('player');
  const video = $('player-video');
  $('player-close').addEventListener('click', close);
  dialog.addEventListener('close', () => {
    video.pause();
    video.removeAttribute('src');
    video.load();
  });
  dialog.addEventListener('click', e => { if (e.target === dialog) close(); });
  video.addEventListener('error', () => {
    if (video.getAttribute('src')) status.show(`The video file cannot be played here (${video.error?.message || 'unsupported format or missing file'}).`, 'error');
  });
}
