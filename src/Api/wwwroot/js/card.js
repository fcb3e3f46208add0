// A search hit as a card: best-shot keyframe with score, evidence on hover and focus, scrubbing through the video's shot
// keyframes, "More like this" and thumbs up/down.
import { h, time } from './dom.js';
import { detail, keyframeUrl, thumbnailUrl } from './videos.js';

let serial = 0;

/** A thumb icon (the "down" button turns it by CSS); decorative, the button has its own label. */
function thumbIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M2 10h4v11H2z M8 10l4-8c1.4 0 2.5 1.1 2.5 2.5L14 9h6c1.1 0 2 .9 2 2l-2 8c-.3 1.2-1.2 2-2.4 2H8z');
  svg.append(path);
  return svg;
}

/** The evidence panel: top concepts with their contributions, a transcript/OCR snippet, the matched shot. */
function evidence(hit, id) {
  const e = hit.evidence ?? {};
  const concepts = [...(e.concepts ?? [])].sort((a, b) => b.contribution - a.contribution).slice(0, 4);
  const snippet = (e.snippets ?? []).find(s => s.field !== 'concept');
  return h('div', { class: 'evidence', id },
    concepts.length > 0 && h('ul', { class: 'evidence-concepts', 'aria-label': 'Matching concepts' },
      concepts.map(c => h('li', {},
        h('span', {}, c.name),
        // Several detectors name a concept alike (coco:dog, imagenet:dog): say whose it is.
        h('span', { class: 'muted' }, ` ${c.id.split(':')[0]}`),
        h('span', { class: 'num' }, ` +${c.contribution.toFixed(3)}`),
        h('span', { class: 'muted' }, ` (${c.value.toFixed(2)} × ${c.weight.toFixed(2)})`)))),
    snippet && h('p', { class: 'snippet' },
      h('span', { class: 'tag' }, snippet.field.toUpperCase()),
      ` “${snippet.text}”`,
      Number.isFinite(snippet.startSeconds) ? h('span', { class: 'muted' }, ` at ${time(snippet.startSeconds)}`) : null),
    e.shot && h('p', { class: 'muted' }, `Shot ${e.shot.index + 1} at ${time(e.shot.startSeconds)}–${time(e.shot.endSeconds)}: ${e.shot.reason}`));
}

/** Hovering (or moving a pointer) over the image shows the shot under the pointer's x position. */
function scrub(image, videoId, bestShot) {
  let shots = null;
  const original = image.src;
  image.parentElement.addEventListener('pointerenter', () => {
    if (shots === null) {
      shots = [];
      detail(videoId).then(d => { shots = d.shots.filter(s => s.keyframeUrl); }).catch(() => { shots = []; });
    }
  });
  image.parentElement.addEventListener('pointermove', e => {
    if (!shots || shots.length < 2) return;
    const box = image.getBoundingClientRect();
    const fraction = Math.min(0.999, Math.max(0, (e.clientX - box.left) / box.width));
    const shot = shots[Math.floor(fraction * shots.length)];
    const url = shot.keyframeUrl;
    if (!image.src.endsWith(url)) {
      image.src = url;
      image.dataset.shot = shot.index;
    }
  });
  image.parentElement.addEventListener('pointerleave', () => {
    image.src = original;
    image.dataset.shot = bestShot;
  });
}

/**
 * Builds a card. actions: open(hit), similar(hit), feedback(hit, 'relevant'|'irrelevant'), mark(videoId) → 'relevant'|'irrelevant'|null.
 */
export function hitCard(hit, actions) {
  const shot = hit.evidence?.shot;
  const shotIndex = shot?.index ?? 0;
  const start = shot?.startSeconds ?? 0;
  const evidenceId = `evidence-${++serial}`;
  const image = h('img', {
    src: shot?.keyframeFile ? keyframeUrl(hit.videoId, shotIndex) : thumbnailUrl(hit.videoId),
    alt: `Keyframe of ${hit.fileName}, shot ${shotIndex + 1}`,
    loading: 'lazy', width: 320, height: 180, dataset: { shot: shotIndex },
  });
  image.addEventListener('error', () => { if (!image.src.endsWith('/thumbnail.jpg')) image.src = thumbnailUrl(hit.videoId); }, { once: true });
  const thumb = h('div', { class: 'thumb', onclick: () => actions.open(hit) },
    image,
    h('span', { class: 'score', title: 'Score' }, hit.score.toFixed(2)),
    h('span', { class: 'at' }, time(start)));
  const mark = actions.mark(hit.videoId);
  const card = h('li', { class: 'card', dataset: { videoId: hit.videoId, shot: shotIndex, shotStart: start, rank: hit.rank } },
    thumb,
    h('h3', {}, h('button', {
      type: 'button', class: 'open', 'aria-describedby': evidenceId,
      'aria-label': `Play ${hit.fileName} from ${time(start)}`, onclick: () => actions.open(hit),
    }, hit.fileName)),
    evidence(hit, evidenceId),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'similar', onclick: () => actions.similar(hit) }, 'More like this'),
      h('button', {
        type: 'button', class: 'up', 'aria-pressed': String(mark === 'relevant'),
        'aria-label': `Relevant: ${hit.fileName}`, title: 'Relevant', onclick: () => actions.feedback(hit, 'relevant'),
      }, thumbIcon()),
      h('button', {
        type: 'button', class: 'down', 'aria-pressed': String(mark === 'irrelevant'),
        'aria-label': `Not relevant: ${hit.fileName}`, title: 'Not relevant', onclick: () => actions.feedback(hit, 'irrelevant'),
      }, thumbIcon())));
  scrub(image, hit.videoId, shotIndex);
  return card;
}
