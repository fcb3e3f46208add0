// The settings dialog: enter or clear the API key that writes send as X-Api-Key.
import { apiKey, setApiKey } from './api.js';
import * as status from './status.js';

const $ = id => document.getElementById(id);

export function open() {
  $('api-key').value = apiKey();
  $('settings').showModal();
  $('api-key').focus();
}

export function init() {
  $('settings-open').addEventListener('click', open);
  $('api-key-clear').addEventListener('click', () => {
    $('api-key').value = '';
    setApiKey('');
    status.show('API key cleared.');
  });
  $('settings').addEventListener('close', () => {
    if ($('settings').returnValue !== 'save') return;
    setApiKey($('api-key').value.trim());
    status.show(apiKey() ? 'API key saved in this browser.' : 'API key cleared.');
  });
}
