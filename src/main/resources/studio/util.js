// Small helpers shared by every part of the studio page: building DOM, formatting numbers for people.

/**
 * Creates an element. `attrs` keys: `class`, `text`, `dataset` (object), `on` (event -> handler), anything
 * else becomes an attribute (false/null/undefined leave it out, true sets it empty).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** An inline SVG icon from `icons` (24x24 path data), hidden from screen readers: buttons carry the words. */
export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name] || '');
  svg.append(path);
  return svg;
}

const ICONS = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  prev: 'M6 6h2v12H6zm3.5 6 8.5 6V6z',
  next: 'M16 6h2v12h-2zM6 18l8.5-6L6 6z',
  draw: 'M3 5a2 2 0 0 1 2-2h4v2H5v4H3zm12-2h4a2 2 0 0 1 2 2v4h-2V5h-4zM3 15h2v4h4v2H5a2 2 0 0 1-2-2zm16 0h2v4a2 2 0 0 1-2 2h-4v-2h4zM11 8h2v3h3v2h-3v3h-2v-3H8v-2h3z',
  outline: 'M12 4C7 4 4 7.6 4 12s3 8 8 8 8-3.6 8-8-3-8-8-8zm0 2c3.8 0 6 2.7 6 6s-2.2 6-6 6-6-2.7-6-6 2.2-6 6-6z',
  after: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-3 4h2v2H9zm4 0h2v2h-2zm-2 2h2v2h-2zm-2 2h2v2H9zm4 0h2v2h-2zm-2 2h2v2h-2z',
  markIn: 'M5 4h2v16H5zm4 4h10v2H9zm0 6h6v2H9z',
  markOut: 'M17 4h2v16h-2zM5 8h10v2H5zm4 6h6v2H9z',
  close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z',
  back: 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z',
  upload: 'M11 16V7.8l-3.6 3.6L6 10l6-6 6 6-1.4 1.4L13 7.8V16zm-6 2h14v2H5z',
  film: 'M4 4h16v16H4zm2 2v2h2V6zm10 0v2h2V6zM6 10v4h2v-4zm10 0v4h2v-4zM6 16v2h2v-2zm10 0v2h2v-2z',
  sound: 'M4 9v6h4l5 4V5L8 9zm12.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
  muted: 'M4 9v6h4l5 4V5L8 9zm12.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z',
  merge: 'M7 3v6.2a4 4 0 0 0 1.2 2.8l2.8 2.8V21h2v-6.2a4 4 0 0 0-1.2-2.8L9 9.2V3zm10 0v4.2L14.4 10l1.4 1.4L19 8.2V3z',
};

/** Seconds as m:ss.mmm (h:mm:ss.mmm past an hour): frame-accurate times a reviewer can read. */
export function formatTime(seconds, precise = true) {
  if (!Number.isFinite(seconds)) return '–';
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const sec = precise ? s.toFixed(3).padStart(6, '0') : String(Math.floor(s)).padStart(2, '0');
  return sign + (h ? `${h}:${String(m).padStart(2, '0')}` : String(m)) + ':' + sec;
}

/** A duration in words for an ETA: "42 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (u === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[u];
}

/**
 * A progress snapshot `{task, done, total, fps, etaSeconds}` in words, e.g.
 * "finding faces: 120 / 271 frames · 24.5 fps · about 6 s left".
 */
export function describeProgress(p, unit = 'frames') {
  if (!p) return '';
  const parts = [];
  const count = p.total > 0 ? `${p.done} / ${p.total} ${unit}` : `${p.done} ${unit}`;
  parts.push(`${p.task}: ${count}`);
  if (p.fps > 0) parts.push(`${p.fps.toFixed(1)} fps`);
  if (p.etaSeconds >= 0) parts.push(`about ${formatDuration(p.etaSeconds)} left`);
  return parts.join(' · ');
}

export function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}

/** Runs `fn` once the calls stop for `ms`. */
export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** True when keys typed go into a field, so the player's shortcuts must not take them. */
export function typingInto(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(target.type);
}

/**
 * Gives `target` class the methods (and accessors) of each of `parts`: one view split into modules that share
 * its state, each small enough to read.
 */
export function mixin(target, ...parts) {
  for (const part of parts) {
    for (const name of Object.getOwnPropertyNames(part.prototype)) {
      if (name !== 'constructor') {
        Object.defineProperty(target.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name));
      }
    }
  }
}
