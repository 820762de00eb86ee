// The review's status views: the analysis card and badge while a project is analysed, Cancel and Analyse
// again, and the History dialog (the log the report repeats). Methods of Review (see review.js).

import * as apiModule from './api.js';
import { rememberedPath, rememberPath } from './home.js';
import { el, describeProgress } from './util.js';

const $ = (id) => document.getElementById(id);
const STATE_TITLES = {
  waiting: 'Waiting to analyse',
  analysing: 'Finding faces',
  failed: 'The analysis failed',
  cancelled: 'The analysis was cancelled',
};

export class StatusPart {
  showStatus(s) {
    $('project-title').textContent = s.name;
    $('crumb').textContent = s.name;
    document.title = `${s.name} · faceblur studio`;
    const badge = $('status');
    badge.textContent = s.state;
    badge.dataset.state = s.state;
    const working = s.state === 'waiting' || s.state === 'analysing';
    const exporting = s.export && (s.export.phase === 'waiting' || s.export.phase === 'running');
    $('analysis-progress').textContent = working ? describeProgress(s.progress) || 'waiting for its turn…' : '';
    const cancel = $('cancel');
    cancel.hidden = !(working || exporting);
    cancel.title = working ? 'Stop the analysis' : 'Stop the export';
    cancel.textContent = working ? 'Cancel analysis' : 'Cancel export';

    const card = $('analysis-card');
    card.hidden = s.state === 'ready';
    $('review-grid').hidden = s.state !== 'ready';
    if (s.state !== 'ready') {
      $('analysis-title').textContent = `${STATE_TITLES[s.state] || s.state}: ${s.name}`;
      const p = s.progress;
      $('analysis-bar').style.width = p && p.total > 0 ? `${(100 * p.done) / p.total}%` : '0%';
      $('analysis-bar').parentElement.classList.toggle('indeterminate', working && !(p && p.total > 0));
      $('analysis-text').textContent = working ? describeProgress(p) || 'Waiting for the work before it to finish…'
        : s.state === 'cancelled' ? 'Nothing was kept from the cancelled analysis.' : '';
      $('analysis-error').textContent = s.state === 'failed' ? s.error || 'The analysis failed.' : '';
      $('analyse-again').hidden = !(s.state === 'failed' || s.state === 'cancelled') || s.name === 'Unknown project';
    }
    const following = Object.entries(s.following || {});
    const f = $('following');
    f.hidden = following.length === 0;
    if (following.length) {
      const avg = following.reduce((n, [, v]) => n + v, 0) / following.length;
      f.textContent = `Following ${following.length === 1 ? 'a drawn face' : `${following.length} drawn faces`}`
        + ` through the shot… ${Math.round(avg * 100)}%`;
    }
  }

  async cancelWork() {
    try {
      await this.statusRequest(this.api.cancel());
    } catch (e) {
      this.notify.error(e.message);
    }
  }

  async analyseAgain() {
    let path = rememberedPath(this.id);
    if (!path) {
      // The status does not carry the file's path: find the video by its name.
      try {
        const videos = await apiModule.get('api/videos');
        const same = videos.filter((v) => v.name === this.status.name);
        if (same.length === 1) path = same[0].path;
      } catch {
        // reported below
      }
    }
    if (!path) {
      this.notify.error('Open the video again from the list of videos to analyse it.');
      return;
    }
    try {
      const status = await this.statusRequest(apiModule.post('api/projects', { path }));
      rememberPath(status.id, path);
    } catch (e) {
      this.notify.error(e.message);
    }
  }

  /** Loads an analysed project: its video, frame times, first people and the masks of frame 0. */

  /** The project's log: who decided what, when (the audit trail the report repeats). */
  async showLog() {
    const rows = $('log-rows');
    rows.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'Loading…')));
    $('log-dialog').showModal();
    try {
      const log = await this.api.log();
      const frames = (e) => (e.fromFrame === null || e.fromFrame === undefined ? ''
        : e.toFrame !== null && e.toFrame !== undefined && e.toFrame !== e.fromFrame ? `${e.fromFrame}–${e.toFrame}` : String(e.fromFrame));
      rows.replaceChildren(...log.slice().reverse().map((e) => el('tr', {},
        el('td', { class: 'mono' }, e.at.replace('T', ' ').replace('Z', '')),
        el('td', {}, e.by),
        el('td', {}, e.action),
        el('td', { class: 'mono' }, e.person ?? ''),
        el('td', { class: 'mono' }, e.track ?? ''),
        el('td', { class: 'mono' }, frames(e)),
        el('td', {}, e.detail ?? ''))));
    } catch (e) {
      rows.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'error-text' }, e.message)));
    }
  }

  /** addEventListener that the view removes when it closes (the DOM is shared between projects). */
}
