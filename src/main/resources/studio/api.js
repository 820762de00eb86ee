// The studio's JSON API. Every URL is relative, so the same page works at "/" (faceblur studio) and at
// "/studio/" (inside faceblur serve). Changes carry the session's CSRF token; errors become ApiError with the
// server's own message, which says what to do.

let csrf = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads the session (and its CSRF token); every POST needs it first. */
export async function session() {
  const s = await get('api/session');
  csrf = s.csrf;
  return s;
}

async function failure(response) {
  let code = 'HttpError';
  let message = `the studio answered ${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && body.message) message = body.message;
    if (body && body.error) code = body.error;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('studio-signed-out', { detail: message }));
  }
  return new ApiError(response.status, code, message);
}

async function call(path, init) {
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Offline', 'the studio cannot be reached; is faceblur studio still running?');
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

export function get(path, { signal } = {}) {
  return call(path, { signal, headers: { Accept: 'application/json' } });
}

export function post(path, body = {}) {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf || '' },
    body: JSON.stringify(body),
  });
}

/**
 * Uploads a file as the raw request body (streamed by the browser, never read into memory here), reporting
 * progress as a fraction. Returns `{promise, abort}`; the promise gives `{path, name, bytes}`.
 */
export function upload(file, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', `api/uploads?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('X-CSRF-Token', csrf || '');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.response);
      } else {
        const body = xhr.response || {};
        reject(new ApiError(xhr.status, body.error || 'HttpError',
          body.message || `the upload failed (${xhr.status} ${xhr.statusText})`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'Offline', 'the upload broke off: the studio cannot be reached'));
    xhr.onabort = () => reject(new ApiError(0, 'Aborted', 'the upload was cancelled'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

/**
 * Listens to the studio's server-sent events: `onStatus(status)` for every project change. The browser
 * reconnects by itself; `onReconnect()` runs after a reconnection, since events sent meanwhile were missed.
 * Returns a function that stops listening.
 */
export function listen(onStatus, onReconnect) {
  let source = null;
  let stopped = false;
  let everOpen = false;
  let retry = 0;
  const open = () => {
    source = new EventSource('api/events');
    source.addEventListener('project', (e) => {
      try {
        onStatus(JSON.parse(e.data));
      } catch (err) {
        console.warn('studio: unreadable event', err);
      }
    });
    source.onopen = () => {
      if (everOpen && onReconnect) onReconnect();
      everOpen = true;
    };
    source.onerror = () => {
      // The browser retries an open stream itself; one it gave up on (CLOSED: the studio restarted, or the
      // session ended) is reopened here, unless the session is gone, which the session check then reports.
      if (source.readyState === EventSource.CLOSED && !stopped) {
        clearTimeout(retry);
        retry = setTimeout(() => {
          fetch('api/session', { credentials: 'same-origin' }).then((r) => {
            if (r.ok) open();
            else if (r.status === 401) failure(r); // tells the page; no more retries
            else retry = setTimeout(open, 5000);
          }, () => {
            retry = setTimeout(open, 5000);
          });
        }, 2000);
      }
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    if (source) source.close();
  };
}

/** Paths of one project's API. */
export function projectApi(id) {
  const base = `api/projects/${encodeURIComponent(id)}`;
  return {
    base,
    view: () => get(base),
    frames: () => get(`${base}/frames`),
    people: (offset, limit, deleted) =>
      get(`${base}/people?offset=${offset}&limit=${limit}${deleted ? '&show=deleted' : ''}`),
    masks: (from, count, signal) => get(`${base}/masks?from=${from}&count=${count}`, { signal }),
    log: () => get(`${base}/log`),
    cancel: () => post(`${base}/cancel`),
    decide: (person, decision) => post(`${base}/people/${person}`, { decision }),
    label: (person, label) => post(`${base}/people/${person}`, { label }),
    merge: (people) => post(`${base}/merge`, { people }),
    batch: (action, people) => post(`${base}/batch`, { action, people }),
    triage: () => get(`${base}/triage`),
    history: () => get(`${base}/history`),
    undo: () => post(`${base}/undo`),
    redo: () => post(`${base}/redo`),
    draw: (frame, box) => post(`${base}/tracks`, { frame, box }),
    setBox: (track, frame, box) => post(`${base}/tracks/${track}/box`, { frame, box }),
    split: (track, frame) => post(`${base}/tracks/${track}/split`, { frame }),
    separate: (track) => post(`${base}/tracks/${track}/separate`),
    deleteTrack: (track) => post(`${base}/tracks/${track}/delete`),
    restoreTrack: (track) => post(`${base}/tracks/${track}/restore`),
    deleteFrames: (track, from, to) => post(`${base}/tracks/${track}/delete-frames`, { from, to }),
    settings: (s) => post(`${base}/settings`, s),
    exportVideo: (signedOffBy, toBucket) => post(`${base}/export`, { signedOffBy, toBucket }),
    mediaUrl: `${base}/media`,
    frameUrl: (n, revision) => `${base}/frames/${n}?r=${revision}`,
    thumbUrl: (file) => `${base}/thumbs/${encodeURIComponent(file)}`,
    downloadUrl: (file) => `${base}/export/${file}`,
  };
}
