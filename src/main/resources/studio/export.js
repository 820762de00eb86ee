// The export panel: how faces are hidden (style, shape, mask scale: saved at once, and drawn by the overlay),
// who signs the report off, and the export itself, its progress and its downloads.

import { describeProgress, debounce } from './util.js';

const $ = (id) => document.getElementById(id);

export class ExportPanel {
  /**
   * @param api      the project's API (projectApi)
   * @param handlers {settingsSaved(redaction), preview(change), error(message), statusRequest(promise)}
   */
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers;
    this.style = $('export-style');
    this.shape = $('export-shape');
    this.scale = $('export-mask-scale');
    this.range = $('export-mask-scale-range');
    this.signed = $('signed-off-by');
    this.toBucketRow = $('export-to-bucket-row');
    this.toBucket = $('export-to-bucket');
    this.button = $('export');
    this.cancel = $('export-cancel');
    this.progress = $('export-progress');
    this.downloads = $('export-downloads');
    this.phase = 'none';
    // Every export kept, one per revision of the review, newest first: links to its video and reports.
    this.kept = document.createElement('ul');
    this.kept.className = 'export-list';
    this.downloads.after(this.kept);
    const key = `faceblur-signed-off-by`;
    this.signed.value = localStorage.getItem(key) || '';
    this.signed.onchange = () => localStorage.setItem(key, this.signed.value.trim());

    const saveScale = debounce(() => this.save({ maskScale: Number(this.scale.value) }), 350);
    this.style.onchange = () => this.save({ style: this.style.value });
    this.shape.onchange = () => this.save({ shape: this.shape.value });
    this.range.oninput = () => {
      this.scale.value = this.range.value;
      this.handlers.preview({ maskScale: Number(this.range.value) });
      saveScale();
    };
    this.scale.onchange = () => {
      const v = Number(this.scale.value);
      if (!(v >= 0.5 && v <= 4)) {
        this.handlers.error('the mask scale is a number from 0.5 to 4');
        this.scale.value = this.saved.maskScale;
        return;
      }
      this.range.value = v;
      this.handlers.preview({ maskScale: v });
      this.save({ maskScale: v });
    };
    this.button.onclick = () => this.start();
    this.cancel.onclick = () => this.handlers.statusRequest(this.api.cancel()).catch((e) => this.handlers.error(e.message));
    for (const [id, file] of [['export-download', 'video'], ['export-report-json', 'report.json'],
      ['export-report-text', 'report.txt']]) {
      $(id).href = this.api.downloadUrl(file);
    }
  }

  /** The project's settings as the studio has them. */
  setRedaction(r) {
    this.saved = r;
    this.style.value = r.style.toLowerCase();
    this.shape.value = r.shape.toLowerCase();
    if (document.activeElement !== this.scale) this.scale.value = r.maskScale;
    if (document.activeElement !== this.range) this.range.value = r.maskScale;
  }

  async save(change) {
    try {
      const r = await this.api.settings(change);
      this.saved = r;
      this.handlers.settingsSaved(r);
    } catch (e) {
      this.handlers.error(e.message);
      this.setRedaction(this.saved);
      this.handlers.settingsSaved(this.saved);
    }
  }

  async start() {
    this.button.disabled = true;
    try {
      await this.handlers.statusRequest(this.api.exportVideo(this.signed.value.trim() || null,
        !this.toBucketRow.hidden && this.toBucket.checked));
    } catch (e) {
      this.handlers.error(e.message);
      this.button.disabled = false;
    }
  }

  /**
   * Follows the project's Status: export phase, progress, the exports kept, and whether decisions were made
   * after the revision the latest export rendered (the studio counts them: one made during an export is not in it).
   */
  update(status) {
    const e = status.export;
    this.phase = e.phase;
    const busy = e.phase === 'waiting' || e.phase === 'running';
    this.showKept(e.kept || []);
    // A video from serve's buckets: its export may also go back beside it.
    this.toBucketRow.hidden = !e.bucketFolder;
    $('export-bucket-folder').textContent = e.bucketFolder || '';
    this.button.disabled = busy || status.state !== 'ready';
    this.button.textContent = e.phase === 'done' ? 'Export again' : 'Export video';
    this.cancel.hidden = !busy;
    this.downloads.hidden = e.phase !== 'done';
    this.progress.dataset.phase = e.phase;
    let text = '';
    let bar = null;
    switch (e.phase) {
      case 'waiting': text = 'Waiting for the analysis or export before it to finish…'; break;
      case 'running':
        text = e.progress ? describeProgress(e.progress) : 'Starting…';
        if (e.progress && e.progress.total > 0) bar = e.progress.done / e.progress.total;
        break;
      case 'done': {
        const newer = e.newerDecisions || 0;
        const stale = newer > 0;
        text = stale ? `${newer} decision${newer === 1 ? '' : 's'} made after ${e.file} (revision ${e.revision}) `
          + 'are not in it: export again to include them.'
          : `Exported ${e.file}${e.writtenTo ? ` and wrote it to ${e.writtenTo}` : ''}. `
            + 'Check the report before you share the video.';
        this.progress.classList.toggle('warn', stale);
        break;
      }
      case 'failed': text = `The export failed: ${e.error}`; break;
      case 'cancelled': text = 'The export was cancelled.'; break;
      default: text = 'Nothing exported yet. The export hides every face outlined in solid colour.';
    }
    if (e.phase !== 'done') this.progress.classList.remove('warn');
    this.progress.replaceChildren();
    const p = document.createElement('div');
    p.className = 'export-text';
    p.textContent = text;
    this.progress.append(p);
    if (bar !== null) {
      const track = document.createElement('div');
      track.className = 'progress';
      const fill = document.createElement('div');
      fill.className = 'progress-bar';
      fill.style.width = `${Math.round(bar * 100)}%`;
      track.append(fill);
      this.progress.append(track);
    }
  }

  /** On opening a project: the status already says how old its export is. */
  checkExportAge(status) {
    this.update(status);
  }

  /** The kept exports, each with its video and reports. */
  showKept(kept) {
    this.kept.replaceChildren(...kept.map((k) => {
      const li = document.createElement('li');
      const query = k.revision >= 0 ? `?revision=${k.revision}` : '';
      const name = document.createElement('span');
      name.textContent = k.revision >= 0 ? `Revision ${k.revision}: ${k.file}` : k.file;
      li.append(name);
      for (const [label, file] of [['video', 'video'], ['report (JSON)', 'report.json'], ['report (text)', 'report.txt']]) {
        const a = document.createElement('a');
        a.href = this.api.downloadUrl(file) + query;
        a.textContent = label;
        a.setAttribute('download', '');
        li.append(' · ', a);
      }
      return li;
    }));
    this.kept.hidden = kept.length === 0;
  }
}
