// The concepts page: the concept bank (filter, trained ones with their cross-validated AP), teaching a concept from example
// videos, deleting trained concepts.
import { del, get, post } from './api.js';
import { h } from './dom.js';
import * as library from './library.js';
import * as status from './status.js';
import { thumbnailUrl } from './videos.js';

const $ = id => document.getElementById(id);
const shown = 300;
let bank = [];

const trained = c => c.crossValidatedAp !== null && c.crossValidatedAp !== undefined;
const quality = c => `AP ${c.crossValidatedAp.toFixed(2)} (chance ${(c.chanceAp ?? 0).toFixed(2)})`;

function renderBank() {
  const words = $('concept-filter').value.trim().toLowerCase();
  const onlyTrained = $('concept-trained').checked;
  const matches = bank.filter(c => (!onlyTrained || trained(c))
    && (!words || [c.id, c.name, ...(c.synonyms ?? []), c.description ?? ''].some(t => t.toLowerCase().includes(words))));
  matches.sort((a, b) => Number(trained(b)) - Number(trained(a)) || a.name.localeCompare(b.name));
  $('concept-count').textContent = matches.length > shown
    ? `${matches.length} of ${bank.length} concepts match; the first ${shown} are shown.`
    : `${matches.length} of ${bank.length} concepts.`;
  $('concept-rows').replaceChildren(...matches.slice(0, shown).map(c => h('tr', { dataset: { conceptId: c.id } },
    h('td', {}, h('span', { class: 'concept-name' }, c.name),
      c.synonyms?.length ? h('span', { class: 'muted' }, ` (${c.synonyms.join(', ')})`) : null,
      c.description ? h('div', { class: 'muted small' }, c.description) : null),
    h('td', {}, c.detector ?? c.id.split(':')[0], c.kind ? h('span', { class: 'muted' }, ` · ${c.kind}`) : null),
    h('td', { class: 'num' }, trained(c) ? quality(c) : h('span', { class: 'muted' }, 'built-in')),
    h('td', {}, trained(c)
      ? h('button', { type: 'button', class: 'danger', 'aria-label': `Delete concept ${c.name}`, onclick: () => remove(c) }, 'Delete')
      : null))));
}

async function remove(c) {
  if (!await library.confirm(`Delete the trained concept ${c.name}?`)) return;
  try {
    await del(`/api/concepts/${encodeURIComponent(c.id)}`);
    status.show(`Deleted concept ${c.name}.`);
    await loadBank();
  } catch (e) {
    status.error(e);
  }
}

async function loadBank() {
  try {
    const answer = await get('/api/concepts');
    bank = Array.isArray(answer) ? answer : (answer.items ?? answer.concepts ?? []);
    renderBank();
  } catch (e) {
    status.error(e);
  }
}

async function loadVideos() {
  try {
    const page = await get('/api/videos?limit=1000&sort=name&order=asc');
    const checked = new Set([...document.querySelectorAll('#teach-videos input:checked')].map(i => i.value));
    $('teach-videos').replaceChildren(...page.items.map(v => h('li', {},
      h('label', {},
        h('input', { type: 'checkbox', name: 'positive', value: v.id, checked: checked.has(v.id) }),
        h('img', { src: thumbnailUrl(v.id), alt: '', loading: 'lazy', width: 64, height: 36 }),
        h('span', {}, v.fileName)))));
    if (page.items.length === 0) $('teach-videos').append(h('li', { class: 'muted' }, 'The library is empty.'));
  } catch (e) {
    status.error(e);
  }
}

async function teach(e) {
  e.preventDefault();
  const positives = [...document.querySelectorAll('#teach-videos input:checked')].map(i => i.value);
  const name = $('teach-name').value.trim();
  if (positives.length === 0) {
    status.show('Select at least one example video that shows the concept.', 'error');
    return;
  }
  const button = $('teach-submit');
  button.disabled = true;
  $('teach-result').textContent = `Training ${name} from ${positives.length} ${positives.length === 1 ? 'video' : 'videos'}…`;
  try {
    const c = await post('/api/concepts', { name, description: $('teach-description').value.trim() || null, positives, negatives: [] });
    const result = $('teach-result');
    result.dataset.conceptId = c.id;
    result.dataset.ap = String(c.crossValidatedAp ?? '');
    result.textContent = `Trained ${c.name}: cross-validated ${quality(c)}, from ${c.positiveShots} positive and ${c.negativeShots} negative shots`
      + (c.videosScored !== undefined ? `; ${c.videosScored} videos scored.` : '.');
    await loadBank();
  } catch (err) {
    $('teach-result').textContent = '';
    status.error(err);
  } finally {
    button.disabled = false;
  }
}

export function load() {
  return Promise.all([loadBank(), loadVideos()]);
}

export function init() {
  $('concept-filter').addEventListener('input', renderBank);
  $('concept-trained').addEventListener('change', renderBank);
  $('teach-form').addEventListener('submit', teach);
  document.addEventListener('library-changed', () => { if (!$('page-concepts').hidden) loadVideos(); });
}
