// Video details, fetched once per video and shared by the cards' scrubbing and the player.
import { get } from './api.js';

const details = new Map();

/** The VideoDetailDto of a video (one request per video while the page lives). */
export function detail(id) {
  if (!details.has(id)) {
    const pending = get(`/api/videos/${encodeURIComponent(id)}`);
    pending.catch(() => details.delete(id));
    details.set(id, pending);
  }
  return details.get(id);
}

/** Forgets cached details (after a delete or a re-ingest). */
export function forget(id) {
  if (id === undefined) details.clear();
  else details.delete(id);
}

export const keyframeUrl = (id, shot) => `/api/videos/${encodeURIComponent(id)}/shots/${shot}/keyframe.jpg`;
export const thumbnailUrl = id => `/api/videos/${encodeURIComponent(id)}/thumbnail.jpg`;
export const fileUrl = id => `/api/videos/${encodeURIComponent(id)}/file`;
