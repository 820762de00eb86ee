// The timeline under the player: the whole video at once. A ruler of times, where faces are hidden (and kept
// visible) across the people listed, the selected person's spans, shot cuts, the marked range and the playhead.
// Click or drag to seek; arrow keys step when it has focus.

import { formatTime } from './util.js';
import { COLORS } from './overlay.js';

const RULER = 16;
const ALL_TOP = 20;
const ALL_H = 16;
const SEL_TOP = 42;
const SEL_H = 18;
const HEIGHT = 66;

export class Timeline {
  /**
   * @param canvas  the <canvas id="timeline">
   * @param video   {frames, micros, cuts}
   * @param onSeek  (frame) => void
   */
  constructor(canvas, { micros, cuts }, onSeek) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.micros = micros;
    this.frames = micros.length;
    this.cuts = cuts;
    this.onSeek = onSeek;
    this.frame = 0;
    this.range = { in: null, out: null };
    this.hidden = new Int32Array(0);
    this.knownUntil = Infinity;
    this.visible = new Int32Array(0);
    this.selected = null; // {id, label, decision, spans: [[a, b], ...]}
    this.hoverX = null;
    this.width = 0;
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.scrubbing = true;
      this.seekAt(e);
    });
    canvas.addEventListener('pointermove', (e) => {
      this.hoverX = this.x(e);
      if (this.scrubbing) this.seekAt(e);
      else this.render();
    });
    canvas.addEventListener('pointerup', () => {
      this.scrubbing = false;
    });
    canvas.addEventListener('pointerleave', () => {
      this.hoverX = null;
      this.render();
    });
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  x(e) {
    const r = this.canvas.getBoundingClientRect();
    return e.clientX - r.left;
  }

  frameAtX(x) {
    return Math.max(0, Math.min(this.frames - 1, Math.floor((x / Math.max(1, this.width)) * this.frames)));
  }

  xOf(frame) {
    return (frame / this.frames) * this.width;
  }

  seekAt(e) {
    this.onSeek(this.frameAtX(this.x(e)));
  }

  resize() {
    const width = this.canvas.clientWidth;
    if (!width) return;
    const dpr = window.devicePixelRatio || 1;
    this.width = width;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(HEIGHT * dpr);
    this.dpr = dpr;
    this.render();
  }

  /** How many listed faces are hidden and kept visible on each frame, from the people's track spans. */
  setPeople(people, complete) {
    // People come in order of first appearance: with pages still unlisted, nothing is known of the frames
    // after the last listed person's first one.
    const last = people.length ? people[people.length - 1].firstFrame : -1;
    this.knownUntil = complete || last < 0 ? this.frames : last;
    const hidden = new Int32Array(this.frames + 1);
    const visible = new Int32Array(this.frames + 1);
    for (const person of people) {
      const counts = person.decision === 'keep' ? visible : hidden;
      for (const t of person.tracks) {
        if (t.deleted) continue;
        for (const [a, b] of t.spans) {
          counts[Math.max(0, a)]++;
          counts[Math.min(this.frames, b + 1)]--;
        }
      }
    }
    for (let i = 1; i <= this.frames; i++) {
      hidden[i] += hidden[i - 1];
      visible[i] += visible[i - 1];
    }
    this.hidden = hidden;
    this.visible = visible;
    this.render();
  }

  setSelected(person) {
    this.selected = person;
    this.render();
  }

  setFrame(frame) {
    if (frame === this.frame) return;
    this.frame = frame;
    this.render();
  }

  setRange(range) {
    this.range = range;
    this.render();
  }

  render() {
    const ctx = this.ctx;
    const w = this.width;
    if (!w) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, w, HEIGHT);
    ctx.fillStyle = '#0f1623';
    ctx.fillRect(0, 0, w, HEIGHT);
    this.drawRuler(w);

    // Lanes' backgrounds
    ctx.fillStyle = '#172131';
    ctx.fillRect(0, ALL_TOP, w, ALL_H);
    ctx.fillRect(0, SEL_TOP, w, SEL_H);

    // Everyone: per pixel column, the most faces on any frame under it
    const perPx = this.frames / w;
    for (let px = 0; px < w; px++) {
      const a = Math.floor(px * perPx);
      const b = Math.max(a + 1, Math.floor((px + 1) * perPx));
      let h = 0;
      let v = 0;
      for (let f = a; f < b && f < this.frames; f++) {
        if (this.hidden[f] > h) h = this.hidden[f];
        if (this.visible[f] > v) v = this.visible[f];
      }
      if (h) {
        ctx.fillStyle = COLORS.hidden;
        ctx.globalAlpha = Math.min(1, 0.35 + 0.15 * h);
        ctx.fillRect(px, ALL_TOP + (v ? ALL_H / 2 : 0), 1, v ? ALL_H / 2 : ALL_H);
      }
      if (v) {
        ctx.fillStyle = COLORS.visible;
        ctx.globalAlpha = Math.min(1, 0.45 + 0.15 * v);
        ctx.fillRect(px, ALL_TOP, 1, h ? ALL_H / 2 : ALL_H);
      }
    }
    ctx.globalAlpha = 1;
    if (this.knownUntil < this.frames) {
      const x0 = this.xOf(this.knownUntil);
      ctx.save();
      ctx.beginPath();
      ctx.rect(x0, ALL_TOP, w - x0, ALL_H);
      ctx.clip();
      ctx.fillStyle = '#172131';
      ctx.fillRect(x0, ALL_TOP, w - x0, ALL_H);
      ctx.strokeStyle = '#2f3d58';
      for (let x = x0 - ALL_H; x < w; x += 6) {
        ctx.beginPath();
        ctx.moveTo(x, ALL_TOP + ALL_H);
        ctx.lineTo(x + ALL_H, ALL_TOP);
        ctx.stroke();
      }
      ctx.fillStyle = '#94a3b8';
      ctx.font = '10px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      if (w - x0 > 190) ctx.fillText('more people: scroll the list to see them here', x0 + 6, ALL_TOP + ALL_H / 2);
      ctx.restore();
    }

    // The selected person
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    if (this.selected) {
      const color = this.selected.decision === 'keep' ? COLORS.visible : '#e2e8f0';
      for (const t of this.selected.tracks) {
        if (t.deleted) continue;
        for (const [a, b] of t.spans) {
          const x0 = this.xOf(a);
          ctx.fillStyle = color;
          ctx.fillRect(x0, SEL_TOP + 2, Math.max(2, this.xOf(b + 1) - x0), SEL_H - 4);
        }
      }
      // The person's name on a dark pill at the lane's start, readable over their spans
      const name = `#${this.selected.id}${this.selected.label ? ' ' + this.selected.label : ''}`;
      const nw = Math.min(160, ctx.measureText(name).width + 8);
      ctx.fillStyle = 'rgba(15, 22, 35, 0.85)';
      ctx.fillRect(2, SEL_TOP + 2, nw, SEL_H - 4);
      ctx.fillStyle = '#cbd5e1';
      ctx.fillText(name, 6, SEL_TOP + SEL_H / 2, nw - 8);
    } else {
      ctx.fillStyle = '#64748b';
      ctx.fillText('Select a person to see when they are on screen', 6, SEL_TOP + SEL_H / 2);
    }

    // Marked range
    const { in: mi, out: mo } = this.range;
    if (mi !== null || mo !== null) {
      const a = mi ?? mo;
      const b = mo ?? mi;
      ctx.fillStyle = 'rgba(244, 114, 182, 0.22)';
      ctx.fillRect(this.xOf(Math.min(a, b)), RULER, Math.max(2, this.xOf(Math.max(a, b) + 1) - this.xOf(Math.min(a, b))), HEIGHT - RULER);
      ctx.fillStyle = COLORS.draft;
      if (mi !== null) ctx.fillRect(this.xOf(mi), RULER, 2, HEIGHT - RULER);
      if (mo !== null) ctx.fillRect(this.xOf(mo + 1) - 2, RULER, 2, HEIGHT - RULER);
    }

    // Shot cuts
    ctx.strokeStyle = '#a78bfa';
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 2]);
    for (const c of this.cuts) {
      const x = Math.round(this.xOf(c)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, RULER - 4);
      ctx.lineTo(x, HEIGHT);
      ctx.stroke();
    }
    ctx.setLineDash([]);

    // Hover
    if (this.hoverX !== null && !this.scrubbing) {
      const f = this.frameAtX(this.hoverX);
      ctx.fillStyle = 'rgba(255,255,255,0.35)';
      ctx.fillRect(Math.round(this.hoverX), RULER, 1, HEIGHT - RULER);
      const label = `${f}`;
      const tw = ctx.measureText(label).width + 8;
      const lx = Math.min(w - tw, Math.max(0, this.hoverX - tw / 2));
      ctx.fillStyle = '#334155';
      ctx.fillRect(lx, 0, tw, RULER - 2);
      ctx.fillStyle = '#e2e8f0';
      ctx.fillText(label, lx + 4, (RULER - 2) / 2);
    }

    // Playhead
    const px = this.xOf(this.frame) + Math.max(1, this.xOf(1)) / 2;
    ctx.fillStyle = '#f43f5e';
    ctx.fillRect(Math.round(px) - 1, RULER - 2, 2, HEIGHT - RULER + 2);
    ctx.beginPath();
    ctx.moveTo(px - 5, RULER - 6);
    ctx.lineTo(px + 5, RULER - 6);
    ctx.lineTo(px, RULER);
    ctx.closePath();
    ctx.fill();
  }

  drawRuler(w) {
    const ctx = this.ctx;
    const seconds = this.micros[this.frames - 1] / 1e6 || 1;
    const steps = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
    const step = steps.find((s) => (s / seconds) * w >= 70) || 7200;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#64748b';
    for (let t = 0; t <= seconds; t += step) {
      const x = (t / seconds) * w * ((this.frames - 1) / this.frames);
      ctx.fillRect(Math.round(x), RULER - 5, 1, 4);
      if (x < w - 30) ctx.fillText(formatTime(t, step < 1), x + 3, 6);
    }
  }
}
