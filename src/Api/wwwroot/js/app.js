// Entry point: the API key from the address, hash routing between the pages, the pages' set-up.
import { takeKeyFromUrl } from './api.js';
import * as concepts from './concepts.js';
import * as jobs from './jobs.js';
import * as library from './library.js';
import * as player from './player.js';
import * as search from './search.js';
import * as settings from './settings.js';
import * as status from './status.js';

const pages = ['search', 'library', 'concepts'];

function route() {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0] || 'search';
  const page = pages.includes(name) ? name : 'search';
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  for (const p of pages) document.getElementById(`page-${p}`).hidden = p !== page;
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `Cbvr · ${page[0].toUpperCase()}${page.slice(1)}`;
  if (page === 'library') {
    jobs.watch();
    library.load();
  }
  if (page === 'concepts') concepts.load();
}

status.init();
settings.init();
player.init();
search.init();
library.init();
concepts.init();
if (takeKeyFromUrl()) status.show('API key stored in this browser; it was removed from the address bar.');
window.addEventListener('hashchange', route);
route();
