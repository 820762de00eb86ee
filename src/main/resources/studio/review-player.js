// The review's player side: seeking and stepping, the clock, the masks drawn on the picture, the after view,
// draw mode and the marked range. Methods of Review (see review.js).

import { el, formatTime, icon } from './util.js';

const $ = (id) => document.getElementById(id);

export class PlayerPart {
  // ---- frames and the player

  timeOf(frame) {
    return this.micros[Math.max(0, Math.min(this.micros.length - 1, frame))] / 1e6;
  }

  /** Seeks on the reviewer's request, timing it until that frame's masks are drawn (studioMetrics.seeks). */
  seek(frame) {
    if (!this.player) return;
    const f = Math.max(0, Math.min(this.micros.length - 1, Math.round(frame)));
    this.pendingSeek = { frame: f, started: performance.now() };
    this.masks.ensure(f, 1);
    this.player.seek(f);
  }

  step(n) {
    if (!this.player) return;
    const from = this.player.target !== null ? this.player.target : this.player.frame;
    if (this.player.playing) this.player.video.pause();
    this.seek(from + n);
  }

  togglePlay() {
    if (!this.player) return;
    if (!this.player.playing && this.drawMode) this.setDrawMode(false);
    this.player.toggle();
  }

  frameChanged(frame, picture) {
    this.updateClock();
    this.timeline.setFrame(frame);
    if (picture !== null) {
      this.pictureFrame = picture;
      this.masks.ensure(picture, this.playing ? 2 : 1);
      this.drawFrame();
      if (!this.playing) this.renderSelection();
    }
  }

  playStateChanged(playing) {
    this.playing = playing;
    this.setPlayButton(playing);
    document.body.classList.toggle('playing', playing);
    this.drawFrame();
  }

  setMuteButton() {
    const muted = $('player').muted;
    const b = $('mute');
    b.replaceChildren(icon(muted ? 'muted' : 'sound'));
    b.setAttribute('aria-pressed', String(muted));
    b.setAttribute('aria-label', muted ? 'Unmute' : 'Mute');
    b.title = muted ? 'Sound off: click to unmute (M)' : 'Sound on: click to mute (M)';
  }

  setPlayButton(playing) {
    const b = $('play');
    b.replaceChildren(icon(playing ? 'pause' : 'play'));
    b.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    b.title = playing ? 'Pause (space)' : 'Play (space)';
  }

  videoFailed(message) {
    // Without a playable video, the studio's own frame pictures stand in for it, one frame at a time.
    const msg = $('stage-message');
    msg.hidden = false;
    msg.textContent = `${message}.`;
    if (!this.still) {
      this.still = el('img', { class: 'still', alt: 'The current frame, untouched' });
      $('player').after(this.still);
      this.layout();
    }
    this.player.seek(this.player.frame);
  }

  updateClock() {
    const f = this.frame;
    $('frame-number').textContent = String(f);
    $('frame-total').textContent = ` / ${this.micros.length - 1}`;
    $('frame-time').textContent = `${formatTime(this.timeOf(f))} / ${formatTime(this.timeOf(this.micros.length - 1))}`;
    $('cut-flag').hidden = !this.cuts.includes(f);
  }

  /** Draws the masks of the frame on the picture; the after view's picture when paused in it. */
  drawFrame() {
    if (!this.overlay) return;
    const f = this.pictureFrame;
    const held = this.masks.latest(f);
    if (!held || !held.fresh) this.masks.ensure(f, this.playing ? 2 : 1);
    const after = this.view === 'after' && !this.playing;
    this.overlay.set({ boxes: held ? held.boxes : null, showMasks: !after || !this.afterShown(f) });
    const badge = $('stage-badge');
    badge.hidden = !!(held && held.fresh);
    badge.textContent = held ? 'updating masks…' : 'loading masks…';
    if (held && held.fresh) {
      // A seek ends when the video shows where it landed (the frame asked for, unless the browser's seek
      // rounded elsewhere) and that frame's masks are drawn.
      if (this.pendingSeek && this.player.target === null && this.player.frame === f) {
        window.studioMetrics.seeks.push({ frame: f, ms: Math.round(performance.now() - this.pendingSeek.started) });
        if (window.studioMetrics.seeks.length > 500) window.studioMetrics.seeks.shift();
        this.pendingSeek = null;
      }
      if (window.studioMetrics.readyMs === null && this.peopleShown) {
        window.studioMetrics.readyMs = Math.round(performance.now() - this.readyStart);
      }
    }
    this.updateAfterImage();
    if (this.still) this.updateStill();
  }

  afterShown(frame) {
    const img = $('after-image');
    return !img.hidden && img.dataset.frame === String(frame) && img.dataset.revision === String(this.shownRevision);
  }

  /** In the after view, paused: the studio's rendering of this frame, exactly as exported. */
  updateAfterImage() {
    const img = $('after-image');
    const f = this.pictureFrame;
    if (this.view !== 'after' || this.playing) {
      img.hidden = true;
      return;
    }
    const revision = this.shownRevision;
    const key = `${f}/${revision}`;
    if (img.dataset.frame === String(f) && img.dataset.revision === String(revision)) {
      img.hidden = false;
      return;
    }
    if (this.afterLoading === key) return;
    this.afterLoading = key;
    img.hidden = true;
    const badge = $('stage-badge');
    badge.hidden = false;
    badge.textContent = 'rendering the exported frame…';
    const next = new Image();
    next.onload = () => {
      if (this.afterLoading !== key) return;
      this.afterLoading = null;
      img.src = next.src;
      img.dataset.frame = String(f);
      img.dataset.revision = String(revision);
      if (this.view === 'after' && !this.playing && this.pictureFrame === f) {
        img.hidden = false;
        this.overlay.set({ showMasks: false });
        badge.hidden = true;
      }
    };
    next.onerror = () => {
      if (this.afterLoading === key) this.afterLoading = null;
      badge.textContent = 'the exported frame could not be rendered';
    };
    next.src = this.api.frameUrl(f, revision);
  }

  updateStill() {
    const src = `${this.api.base}/frames/${this.pictureFrame}?view=before`;
    if (this.still.dataset.frame !== String(this.pictureFrame)) {
      this.still.dataset.frame = String(this.pictureFrame);
      this.still.src = src;
    }
  }

  setView(view) {
    this.view = view;
    this.setViewButtons(view);
    if (view === 'after' && this.drawMode) this.setDrawMode(false);
    this.drawFrame();
  }

  setViewButtons(view) {
    for (const [id, v] of [['view-outline', 'outline'], ['view-after', 'after']]) {
      $(id).classList.toggle('active', view === v);
      $(id).setAttribute('aria-pressed', String(view === v));
    }
  }

  setDrawMode(on) {
    this.drawMode = on;
    const b = $('tool-draw');
    b.classList.toggle('active', on);
    b.setAttribute('aria-pressed', String(on));
    if (on) {
      if (this.player.playing) this.player.pause();
      if (this.view === 'after') this.setView('outline');
    }
    this.overlay.setMode(on ? 'draw' : 'select');
    $('stage').classList.toggle('drawing', on);
    this.renderSelection();
  }

  // ---- marking a range

  mark(which) {
    const f = this.frame;
    const r = { ...this.range, [which]: f };
    if (which === 'in' && r.out !== null && r.out < f) r.out = f;
    if (which === 'out' && r.in !== null && r.in > f) r.in = f;
    this.setRange(r);
  }

  setRange(range) {
    this.range = range;
    this.timeline.setRange(range);
    const { in: a, out: b } = range;
    const text = a === null && b === null ? 'no range'
      : `${a ?? b}–${b ?? a}`;
    $('mark-range').textContent = text;
    $('mark-range').title = a === null && b === null ? 'No frames marked: Mark in and Mark out set a range'
      : `Frames ${a ?? b} to ${b ?? a} are marked (${Math.abs((b ?? a) - (a ?? b)) + 1} frames), for Cut range`;
    $('mark-range').classList.toggle('set', a !== null || b !== null);
    $('mark-clear').hidden = a === null && b === null;
  }


  // ---- zoom and pan, for small faces: the picture, masks and after view scale together

  setZoom(scale, x, y) {
    const stage = $('stage');
    const s = Math.max(1, Math.min(8, scale));
    const w = stage.clientWidth;
    const h = stage.clientHeight;
    // The picture never leaves the stage: pan stops at its edges.
    this.zoom = { s, x: Math.min(0, Math.max(w - w * s, x)), y: Math.min(0, Math.max(h - h * s, y)) };
    $('zoom').style.transform = s === 1 ? '' : `translate(${this.zoom.x}px, ${this.zoom.y}px) scale(${s})`;
    stage.classList.toggle('zoomed', s > 1);
    $('zoom-reset').textContent = `${Math.round(s * 10) / 10}×`;
  }

  /** Zooms by `factor` about a point of the stage (its middle unless given). */
  zoomBy(factor, cx = $('stage').clientWidth / 2, cy = $('stage').clientHeight / 2) {
    const z = this.zoom || { s: 1, x: 0, y: 0 };
    const s = Math.max(1, Math.min(8, z.s * factor));
    this.setZoom(s, cx - ((cx - z.x) * s) / z.s, cy - ((cy - z.y) * s) / z.s);
  }

  /** The wheel zooms at the pointer; Alt+drag or the middle button pans (a plain drag selects and draws). */
  bindZoom() {
    const stage = $('stage');
    this.bind(stage, 'wheel', (e) => {
      e.preventDefault();
      const r = stage.getBoundingClientRect();
      this.zoomBy(e.deltaY < 0 ? 1.25 : 1 / 1.25, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    this.bind(stage, 'pointerdown', (e) => {
      if (!(e.altKey || e.button === 1) || !this.zoom || this.zoom.s === 1) return;
      e.preventDefault();
      e.stopPropagation();
      const start = { x: e.clientX, y: e.clientY, zx: this.zoom.x, zy: this.zoom.y };
      const move = (m) => this.setZoom(this.zoom.s, start.zx + m.clientX - start.x, start.zy + m.clientY - start.y);
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    }, { capture: true });
  }
}
