// The timeline under the player: the whole video at once. A ruler of times, where faces are hidden (and kept
// visible) across the people listed, a lane per person listed (the first MAX_LANES, the selected one always),
// shot cuts, the marked range and the playhead. Click or drag to seek; a click on a lane also selects its person.

import { formatTime } from './util.js';
import { COLORS } from './overlay.js';
import { laneOrder } from './state.js';

const RULER = 16;
const ALL_TOP = 20;
const ALL_H = 16;
const SEL_TOP = 40;
const LANE_H = 12;
const MAX_LANES = 6;

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
    this.lanes = []; // the people with a lane, top to bottom
    this.height = SEL_TOP + LANE_H + 4;
    this.onLane = null; // (person id) => void
    this.hoverX = null;
    this.width = 0;
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.scrubbing = true;
      const lane = this.laneAt(e);
      if (lane && this.onLane) this.onLane(lane.id);
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

  laneAt(e) {
    const y = e.clientY - this.canvas.getBoundingClientRect().top;
    const i = Math.floor((y - SEL_TOP) / LANE_H);
    return y >= SEL_TOP && i < this.lanes.length ? this.lanes[i] : null;
  }

  /** The people listed, in list order: the first MAX_LANES get a lane (the selected one always does). */
  setLanes(shown, selectedId) {
    this.shown = shown;
    this.lanes = laneOrder(shown, selectedId, MAX_LANES);
    const height = SEL_TOP + Math.max(1, this.lanes.length) * LANE_H + 4;
    if (height !== this.height) {
      this.height = height;
      this.canvas.style.height = `${height}px`;
      this.resize();
    }
    this.render();
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
    this.canvas.height = Math.round(this.height * dpr);
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
    ctx.clearRect(0, 0, w, this.height);
    ctx.fillStyle = '#0f1623';
    ctx.fillRect(0, 0, w, this.height);
    this.drawRuler(w);

    // Lanes' backgrounds
    ctx.fillStyle = '#172131';
    ctx.fillRect(0, ALL_TOP, w, ALL_H);
    ctx.fillRect(0, SEL_TOP, w, this.height - SEL_TOP - 2);

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

    // A lane per person listed: their spans, hidden or kept, the selected lane lit
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const selectedId = this.selected ? this.selected.id : null;
    if (this.selected && !this.lanes.some((p) => p.id === selectedId) && this.shown) {
      this.lanes = laneOrder(this.shown, selectedId, MAX_LANES);
    }
    this.lanes.forEach((person, i) => {
      const y = SEL_TOP + i * LANE_H;
      const selected = person.id === selectedId;
      if (selected) {
        ctx.fillStyle = '#23324a';
        ctx.fillRect(0, y, w, LANE_H);
      }
      ctx.fillStyle = person.decision === 'keep' ? COLORS.visible : selected ? '#e2e8f0' : COLORS.hidden;
      ctx.globalAlpha = selected ? 1 : 0.75;
      for (const t of person.tracks) {
        if (t.deleted) continue;
        for (const [a, b] of t.spans) {
          const x0 = this.xOf(a);
          ctx.fillRect(x0, y + 2, Math.max(2, this.xOf(b + 1) - x0), LANE_H - 4);
        }
      }
      ctx.globalAlpha = 1;
      const name = `#${person.id}${person.label ? ' ' + person.label : ''}`;
      const nw = Math.min(110, ctx.measureText(name).width + 6);
      ctx.fillStyle = 'rgba(15, 22, 35, 0.8)';
      ctx.fillRect(1, y + 1, nw, LANE_H - 2);
      ctx.fillStyle = selected ? '#ffffff' : '#cbd5e1';
      ctx.fillText(name, 4, y + LANE_H / 2, nw - 6);
    });
    if (!this.lanes.length) {
      ctx.fillStyle = '#64748b';
      ctx.fillText('No one listed', 6, SEL_TOP + LANE_H / 2);
    }
    ctx.font = '11px system-ui, sans-serif';

    // Marked range
    const { in: mi, out: mo } = this.range;
    if (mi !== null || mo !== null) {
      const a = mi ?? mo;
      const b = mo ?? mi;
      ctx.fillStyle = 'rgba(244, 114, 182, 0.22)';
      ctx.fillRect(this.xOf(Math.min(a, b)), RULER, Math.max(2, this.xOf(Math.max(a, b) + 1) - this.xOf(Math.min(a, b))), this.height - RULER);
      ctx.fillStyle = COLORS.draft;
      if (mi !== null) ctx.fillRect(this.xOf(mi), RULER, 2, this.height - RULER);
      if (mo !== null) ctx.fillRect(this.xOf(mo + 1) - 2, RULER, 2, this.height - RULER);
    }

    // Shot cuts
    ctx.strokeStyle = '#a78bfa';
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 2]);
    for (const c of this.cuts) {
      const x = Math.round(this.xOf(c)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, RULER - 4);
      ctx.lineTo(x, this.height);
      ctx.stroke();
    }
    ctx.setLineDash([]);

    // Hover
    if (this.hoverX !== null && !this.scrubbing) {
      const f = this.frameAtX(this.hoverX);
      ctx.fillStyle = 'rgba(255,255,255,0.35)';
      ctx.fillRect(Math.round(this.hoverX), RULER, 1, this.height - RULER);
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
    ctx.fillRect(Math.round(px) - 1, RULER - 2, 2, this.height - RULER + 2);
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
