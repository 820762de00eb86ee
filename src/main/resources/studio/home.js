// The home view: the videos this studio may open, the projects it holds (live state from the events), and
// uploads (size checked before a byte is sent, streamed with progress, then opened).

import * as api from './api.js';
import { el, formatBytes, describeProgress, icon } from './util.js';

const $ = (id) => document.getElementById(id);

const STATE_WORDS = {
  waiting: 'waiting', analysing: 'analysing', ready: 'ready', failed: 'failed', cancelled: 'cancelled',
};

export class Home {
  /**
   * @param session {maxUploadBytes, ...}
   * @param handlers {open(projectId), error(message)}
   */
  constructor(session, handlers) {
    this.session = session;
    this.handlers = handlers;
    this.projects = new Map();
    this.eventSeq = 0; // events received; a fetched list is older than the events that came while it loaded
    this.changedAt = new Map(); // project id -> eventSeq of its last event
    this.uploading = null;
    $('upload-limit').textContent = `Up to ${formatBytes(session.maxUploadBytes)}. It is analysed as soon as it arrives.`;
    // The studio takes animated GIFs too; to a browser they are pictures, not video/*.
    if (!$('upload-input').accept.includes('.gif')) $('upload-input').accept += ',.gif,image/gif';
    $('upload-input').addEventListener('change', (e) => {
      const file = e.target.files[0];
      e.target.value = '';
      if (file) this.upload(file);
    });
    const zone = $('dropzone');
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      const file = e.dataTransfer.files[0];
      if (file) this.upload(file);
    });
    $('upload-cancel').addEventListener('click', () => this.uploading && this.uploading.abort());
    window.addEventListener('beforeunload', (e) => {
      if (this.uploading) e.preventDefault(); // leaving would break the upload off
    });
    $('videos').addEventListener('click', (e) => {
      const button = e.target.closest('button.open-video');
      if (button) this.open(button.closest('[data-video-path]').dataset.videoPath, button);
    });
  }

  async show() {
    await Promise.all([this.loadVideos(), this.loadProjects()]);
  }

  async loadVideos() {
    const list = $('videos');
    try {
      const videos = await api.get('api/videos');
      this.videos = videos;
      list.replaceChildren(...videos.map((v) => el('li', { class: 'item video', dataset: { videoPath: v.path } },
        el('span', { class: 'item-icon' }, icon('film')),
        el('span', { class: 'item-main' },
          el('span', { class: 'item-title' }, v.name),
          el('span', { class: 'item-sub mono', title: v.path }, v.path)),
        el('span', { class: 'muted' }, v.bytes >= 0 ? formatBytes(v.bytes) : ''),
        el('button', { type: 'button', class: 'button primary small open-video', title: `Open ${v.name} for review` },
          'Open'))));
      if (!videos.length) {
        list.replaceChildren(el('li', { class: 'empty' },
          'No videos here. Start faceblur studio with a file or folder, or upload one.'));
      }
    } catch (e) {
      list.replaceChildren(el('li', { class: 'empty error-text' }, `The videos could not be listed: ${e.message}`));
    }
  }

  async loadProjects() {
    const seq = this.eventSeq;
    try {
      const projects = await api.get('api/projects');
      for (const p of projects) {
        if ((this.changedAt.get(p.id) || 0) <= seq) this.projects.set(p.id, p);
      }
      this.renderProjects();
    } catch (e) {
      $('projects').replaceChildren(el('li', { class: 'empty error-text' },
        `The projects could not be listed: ${e.message}`));
    }
  }

  /** A project's Status changed (event): its row follows. */
  update(status) {
    this.eventSeq++;
    this.changedAt.set(status.id, this.eventSeq);
    this.projects.set(status.id, status);
    this.renderProjects();
  }

  renderProjects() {
    const list = $('projects');
    const projects = [...this.projects.values()].sort((a, b) => a.name.localeCompare(b.name));
    if (!projects.length) {
      list.replaceChildren(el('li', { class: 'empty' }, 'No projects yet: open a video to start one.'));
      return;
    }
    list.replaceChildren(...projects.map((p) => {
      const detail = p.state === 'analysing' || p.state === 'waiting'
        ? describeProgress(p.progress) || 'waiting for its turn'
        : p.state === 'failed' ? p.error
          : p.export.phase === 'done' ? `exported ${p.export.file}`
            : p.export.phase === 'running' ? 'exporting…' : '';
      return el('li', { class: 'item project', dataset: { projectId: p.id } },
        el('a', { class: 'item-main', href: `#/project/${encodeURIComponent(p.id)}`, title: `Review ${p.name}` },
          el('span', { class: 'item-title' }, p.name),
          el('span', { class: `item-sub${p.state === 'failed' ? ' error-text' : ''}` }, detail || ' ')),
        el('span', { class: 'badge', dataset: { state: p.state } }, STATE_WORDS[p.state] || p.state));
    }));
  }

  async open(path, button) {
    if (button) button.disabled = true;
    try {
      const status = await api.post('api/projects', { path });
      rememberPath(status.id, path);
      this.handlers.open(status.id);
    } catch (e) {
      this.handlers.error(e.message);
    } finally {
      if (button) button.disabled = false;
    }
  }

  async upload(file) {
    const error = $('upload-error');
    error.textContent = '';
    if (this.uploading) {
      error.textContent = 'An upload is already running; wait for it or cancel it.';
      return;
    }
    const max = this.session.maxUploadBytes;
    if (file.size > max) {
      error.textContent = `${file.name} is ${formatBytes(file.size)}, larger than the ${formatBytes(max)} this `
        + 'studio accepts. Blur it with faceblur blur on the command line, or start the studio with a larger '
        + '--max-video-size.';
      return;
    }
    if (file.size === 0) {
      error.textContent = `${file.name} is empty.`;
      return;
    }
    const box = $('upload-progress');
    const bar = $('upload-bar');
    const text = $('upload-text');
    box.hidden = false;
    bar.style.width = '0%';
    const started = performance.now();
    const show = (f) => {
      bar.style.width = `${(f * 100).toFixed(1)}%`;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0.5 ? (f * file.size) / seconds : 0;
      text.textContent = `Uploading ${file.name}: ${formatBytes(f * file.size)} of ${formatBytes(file.size)}`
        + (rate ? ` · ${formatBytes(rate)}/s` : '');
    };
    show(0);
    this.uploading = api.upload(file, show);
    try {
      const uploaded = await this.uploading.promise;
      text.textContent = `Uploaded ${uploaded.name}; opening it…`;
      const status = await api.post('api/projects', { path: uploaded.path });
      rememberPath(status.id, uploaded.path);
      box.hidden = true;
      this.handlers.open(status.id);
    } catch (e) {
      box.hidden = true;
      error.textContent = e.message;
    } finally {
      this.uploading = null;
      this.loadVideos();
    }
  }
}

/** The video path of a project, to analyse it again after a failure: the project's Status does not say it. */
export function rememberPath(id, path) {
  try {
    localStorage.setItem(`faceblur-path-${id}`, path);
  } catch {
    // private mode: a retry will fall back to the name
  }
}

export function rememberedPath(id) {
  try {
    return localStorage.getItem(`faceblur-path-${id}`);
  } catch {
    return null;
  }
}
