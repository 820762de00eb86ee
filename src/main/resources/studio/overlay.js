// The canvas over the video: every mask drawn exactly where the export puts it (the face box scaled by the mask
// scale about its centre, an ellipse inscribed in it or the whole box, clipped to the picture), and the
// pointer tools: click a mask to select its track, drag the selected face box's corners or middle to correct
// it, or, in draw mode, drag a new box over a face the detector missed.

import { scaledBox } from './geometry.js';

export const COLORS = {
  hidden: '#22d3ee',
  hiddenFill: 'rgba(34, 211, 238, 0.12)',
  visible: '#fbbf24',
  selected: '#ffffff',
  draft: '#f472b6',
};

const HANDLE = 9; // CSS px: the side of a corner handle
const MIN_DRAG = 4; // CSS px: a smaller drag is a click

export class Overlay {
  /**
   * @param canvas   the <canvas> covering exactly the displayed picture
   * @param geometry coded pixels <-> CSS pixels
   * @param handlers {onSelect(track, person), onDeselect(), onDraw(box), onSetBox(track, box)}; boxes in
   *                 coded pixels, as face boxes (before mask scaling)
   */
  constructor(canvas, geometry, handlers) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.geometry = geometry;
    this.handlers = handlers;
    this.boxes = null; // [[track, person, hidden, x, y, w, h], ...] of the frame shown
    this.settings = { shape: 'ELLIPSE', maskScale: 1.3 };
    this.selectedTrack = null;
    this.selectedPerson = null;
    this.mode = 'select'; // or 'draw'
    this.showMasks = true;
    this.loading = false;
    this.drag = null; // {kind: 'draw'|'move'|'resize', start, rect, corner, track}
    this.pending = null; // a box sent to the studio, drawn until the new masks arrive: {rect (CSS px)}
    this.hover = null;
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', () => this.cancelDrag());
    canvas.addEventListener('pointerleave', () => {
      if (this.hover !== null) {
        this.hover = null;
        this.render();
      }
    });
    canvas.addEventListener('lostpointercapture', () => {
      if (this.drag) this.cancelDrag();
    });
  }

  /** The canvas is `width` x `height` CSS pixels; its backing store follows devicePixelRatio. */
  resize(width, height) {
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.geometry.setView(width, height);
    this.dpr = dpr;
    this.render();
  }

  set(values) {
    Object.assign(this, values);
    this.render();
  }

  setMode(mode) {
    this.mode = mode;
    this.canvas.classList.toggle('drawing', mode === 'draw');
    this.cancelDrag();
  }

  clearPending() {
    if (this.pending) {
      this.pending = null;
      this.render();
    }
  }

  // ---- drawing

  /** Every box on the frame as the page handles them: coded box, its mask and face rectangles on the canvas. */
  items() {
    if (!this.boxes) return [];
    return this.boxes.map(([track, person, hidden, x, y, width, height]) => {
      const face = { x, y, width, height };
      return {
        track, person, hidden: hidden === 1, face,
        faceRect: this.geometry.toView(face),
        maskRect: this.geometry.toView(scaledBox(face, this.settings.maskScale)),
      };
    });
  }

  render() {
    const ctx = this.ctx;
    const { width, height } = this.geometry.view;
    ctx.setTransform(this.dpr || 1, 0, 0, this.dpr || 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const items = this.items();
    if (this.showMasks) {
      // Kept-visible first, hidden on top: where both overlap, the export hides.
      for (const it of items.filter((i) => !i.hidden)) this.drawMask(it);
      for (const it of items.filter((i) => i.hidden)) this.drawMask(it);
      // Numbers on every mask would bury a crowd: small hidden masks get theirs when pointed at or selected.
      // Tags that would cover one already drawn are left out too (kept-visible and selected ones go first).
      const placed = [];
      const order = [...items].sort((a, b) => rank(b, this) - rank(a, this));
      for (const it of order) {
        if (!it.hidden || it.maskRect.width >= 36 || it.person === this.selectedPerson || it.track === this.hover) {
          this.drawTag(it, placed);
        }
      }
    }
    const selected = this.drag && this.drag.track !== undefined
      ? null : items.find((i) => i.track === this.selectedTrack);
    if (selected && this.mode === 'select') this.drawFaceBox(selected.faceRect, true);
    if (this.drag && this.drag.rect) this.drawDraft(this.drag.rect);
    if (this.pending) this.drawDraft(this.pending.rect, true);
  }

  /** The mask's outline: the export's shape, clipped to the picture as the export clips it. */
  maskPath(rect) {
    const ctx = this.ctx;
    ctx.beginPath();
    if (this.settings.shape === 'BOX') {
      const { width, height } = this.geometry.view;
      const x0 = Math.max(0, rect.x);
      const y0 = Math.max(0, rect.y);
      ctx.rect(x0, y0, Math.min(width, rect.x + rect.width) - x0, Math.min(height, rect.y + rect.height) - y0);
    } else {
      ctx.ellipse(rect.x + rect.width / 2, rect.y + rect.height / 2, rect.width / 2, rect.height / 2, 0, 0,
        Math.PI * 2);
    }
  }

  drawMask(it) {
    const ctx = this.ctx;
    const personSelected = it.person === this.selectedPerson;
    ctx.save();
    this.maskPath(it.maskRect);
    if (it.hidden) {
      ctx.fillStyle = COLORS.hiddenFill;
      ctx.fill();
      ctx.setLineDash([]);
      ctx.strokeStyle = COLORS.hidden;
    } else {
      ctx.setLineDash([7, 5]);
      ctx.strokeStyle = COLORS.visible;
    }
    if (personSelected) {
      // A dark halo under a thick line: the selected person stands out on any picture.
      ctx.lineWidth = 5;
      ctx.strokeStyle = 'rgba(0,0,0,0.55)';
      ctx.stroke();
      ctx.lineWidth = 3;
      ctx.strokeStyle = it.hidden ? COLORS.selected : COLORS.visible;
    } else {
      ctx.lineWidth = 2;
    }
    ctx.stroke();
    ctx.restore();
  }

  drawTag(it, placed) {
    const ctx = this.ctx;
    const text = it.hidden ? `#${it.person}` : `#${it.person} visible`;
    ctx.save();
    ctx.font = '600 11px system-ui, sans-serif';
    const w = ctx.measureText(text).width + 8;
    const { width, height } = this.geometry.view;
    const x = Math.max(0, Math.min(width - w, it.maskRect.x + it.maskRect.width / 2 - w / 2));
    const y = Math.max(0, Math.min(height - 16, it.maskRect.y - 17));
    const important = !it.hidden || it.person === this.selectedPerson || it.track === this.hover;
    if (!important && placed.some((r) => x < r.x + r.w && r.x < x + w && y < r.y + 16 && r.y < y + 16)) {
      ctx.restore();
      return;
    }
    placed.push({ x, y, w });
    ctx.fillStyle = it.hidden ? COLORS.hidden : COLORS.visible;
    ctx.globalAlpha = it.person === this.selectedPerson ? 1 : 0.85;
    ctx.fillRect(x, y, w, 16);
    ctx.globalAlpha = 1;
    ctx.fillStyle = '#0b1220';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, x + 4, y + 8.5);
    ctx.restore();
  }

  /** The selected track's face box (what the API stores), with handles to resize it. */
  drawFaceBox(rect, handles) {
    const ctx = this.ctx;
    ctx.save();
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = COLORS.selected;
    ctx.strokeRect(rect.x, rect.y, rect.width, rect.height);
    ctx.setLineDash([]);
    if (handles) {
      for (const [hx, hy] of corners(rect)) {
        ctx.fillStyle = COLORS.selected;
        ctx.strokeStyle = '#0b1220';
        ctx.fillRect(hx - HANDLE / 2, hy - HANDLE / 2, HANDLE, HANDLE);
        ctx.strokeRect(hx - HANDLE / 2, hy - HANDLE / 2, HANDLE, HANDLE);
      }
    }
    ctx.restore();
  }

  /** A box being drawn or moved: the face box, and the mask it will make. */
  drawDraft(rect, waiting = false) {
    const ctx = this.ctx;
    ctx.save();
    const f = this.settings.maskScale;
    const mask = {
      x: rect.x + rect.width / 2 - (rect.width * f) / 2,
      y: rect.y + rect.height / 2 - (rect.height * f) / 2,
      width: rect.width * f,
      height: rect.height * f,
    };
    this.maskPath(mask);
    ctx.fillStyle = 'rgba(244, 114, 182, 0.15)';
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.setLineDash(waiting ? [3, 3] : []);
    ctx.strokeStyle = COLORS.draft;
    ctx.stroke();
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = COLORS.selected;
    ctx.strokeRect(rect.x, rect.y, rect.width, rect.height);
    ctx.restore();
  }

  // ---- pointer tools

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    const { width, height } = this.geometry.view;
    // The canvas may be scaled by CSS (zoom); map the pointer into its own CSS-pixel space.
    return {
      x: ((e.clientX - r.left) / r.width) * width,
      y: ((e.clientY - r.top) / r.height) * height,
    };
  }

  /** The masks under a point, smallest first (a small face inside a large false mask stays selectable). */
  hits(p) {
    return this.items()
      .filter((it) => inside(p, it.maskRect) || inside(p, it.faceRect))
      .sort((a, b) => a.maskRect.width * a.maskRect.height - b.maskRect.width * b.maskRect.height);
  }

  selectedItem() {
    return this.items().find((i) => i.track === this.selectedTrack);
  }

  down(e) {
    if (e.button !== 0) return;
    const p = this.point(e);
    if (this.mode === 'draw') {
      this.drag = { kind: 'draw', start: p, rect: null };
    } else {
      const sel = this.selectedItem();
      const corner = sel ? corners(sel.faceRect).findIndex(([x, y]) => Math.abs(p.x - x) <= HANDLE
        && Math.abs(p.y - y) <= HANDLE) : -1;
      if (sel && corner >= 0) {
        this.drag = { kind: 'resize', start: p, corner, origin: sel.faceRect, rect: null, item: sel };
      } else if (sel && inside(p, sel.faceRect)) {
        this.drag = { kind: 'move', start: p, origin: sel.faceRect, rect: null, item: sel };
      } else {
        this.drag = { kind: 'click', start: p };
      }
    }
    this.canvas.setPointerCapture(e.pointerId);
    e.preventDefault();
  }

  move(e) {
    const p = this.point(e);
    if (!this.drag) {
      this.updateCursor(p);
      const hit = this.mode === 'select' ? this.hits(p)[0] : null;
      const hover = hit ? hit.track : null;
      if (hover !== this.hover) {
        this.hover = hover;
        this.render();
      }
      return;
    }
    const d = this.drag;
    const moved = Math.abs(p.x - d.start.x) >= MIN_DRAG || Math.abs(p.y - d.start.y) >= MIN_DRAG;
    if (!moved && !d.rect) return;
    const { width, height } = this.geometry.view;
    const c = { x: clamp(p.x, 0, width), y: clamp(p.y, 0, height) };
    if (d.kind === 'draw') {
      d.rect = normalize(d.start.x, d.start.y, c.x, c.y);
    } else if (d.kind === 'move') {
      const o = d.origin;
      d.rect = { x: o.x + p.x - d.start.x, y: o.y + p.y - d.start.y, width: o.width, height: o.height };
    } else if (d.kind === 'resize') {
      const o = d.origin;
      // The corner opposite the one dragged stays put.
      const fixed = corners(o)[(d.corner + 2) % 4];
      d.rect = normalize(fixed[0], fixed[1], c.x, c.y);
    } else {
      return;
    }
    d.track = d.kind === 'draw' ? undefined : d.item.track;
    this.render();
  }

  up(e) {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    const big = d.rect && d.rect.width >= MIN_DRAG && d.rect.height >= MIN_DRAG;
    if (d.kind === 'draw') {
      if (big) {
        this.pending = { rect: d.rect };
        this.handlers.onDraw(this.geometry.toCoded(d.rect));
      }
    } else if ((d.kind === 'move' || d.kind === 'resize') && big) {
      this.pending = { rect: d.rect };
      this.handlers.onSetBox(d.item.track, this.geometry.toCoded(d.rect));
    } else {
      const hit = this.hits(this.point(e))[0];
      if (hit) this.handlers.onSelect(hit.track, hit.person);
      else this.handlers.onDeselect();
    }
    this.render();
  }

  cancelDrag() {
    if (!this.drag) return;
    this.drag = null;
    this.render();
  }

  updateCursor(p) {
    let cursor = '';
    if (this.mode === 'draw') {
      cursor = 'crosshair';
    } else {
      const sel = this.selectedItem();
      const corner = sel ? corners(sel.faceRect).findIndex(([x, y]) => Math.abs(p.x - x) <= HANDLE
        && Math.abs(p.y - y) <= HANDLE) : -1;
      if (corner >= 0) cursor = corner % 2 === 0 ? 'nwse-resize' : 'nesw-resize';
      else if (sel && inside(p, sel.faceRect)) cursor = 'move';
      else if (this.hits(p).length) cursor = 'pointer';
    }
    this.canvas.style.cursor = cursor;
  }
}

/** Which tags matter most: the selected person's, kept-visible ones, then the larger masks. */
function rank(it, overlay) {
  return (it.person === overlay.selectedPerson ? 1e9 : 0) + (it.hidden ? 0 : 1e8) + it.maskRect.width;
}

/** Corners clockwise from top-left: opposite corners are two apart. */
function corners(r) {
  return [[r.x, r.y], [r.x + r.width, r.y], [r.x + r.width, r.y + r.height], [r.x, r.y + r.height]];
}

function inside(p, r) {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

function normalize(x0, y0, x1, y1) {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
