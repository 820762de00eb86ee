// Mapping between the video's coded pixels (where the API's boxes live) and the picture as the page shows it.
// The browser displays a video turned by its rotation metadata; the API's boxes are on the coded, unturned
// picture. `rotation` is FFmpeg's display rotation (degrees counter-clockwise), so the picture on screen is the
// coded one turned clockwise by -rotation.

/** Clockwise quarter turns (0, 90, 180, 270) the browser applies to the coded picture. */
export function clockwiseTurn(rotation) {
  const cw = Math.round(-(rotation || 0) / 90) * 90;
  return ((cw % 360) + 360) % 360;
}

export class Geometry {
  /**
   * @param width  coded width in pixels
   * @param height coded height in pixels
   * @param rotation display rotation from the API (degrees counter-clockwise)
   */
  constructor(width, height, rotation) {
    this.width = width;
    this.height = height;
    this.turn = clockwiseTurn(rotation);
    this.view = { x: 0, y: 0, width: 1, height: 1 }; // the picture on the page, CSS pixels
  }

  /** Width over height of the picture as displayed (coded size turned; pixel aspect left to the caller). */
  get displayAspect() {
    return this.turn % 180 === 0 ? this.width / this.height : this.height / this.width;
  }

  /** Where the picture is drawn, in CSS pixels of the overlay canvas (which covers exactly the picture). */
  setView(width, height) {
    this.view = { x: 0, y: 0, width, height };
  }

  /** A coded point to the displayed picture, each coordinate 0..1. */
  codedToUnit(x, y) {
    const W = this.width;
    const H = this.height;
    switch (this.turn) {
      case 90: return [(H - y) / H, x / W];
      case 180: return [(W - x) / W, (H - y) / H];
      case 270: return [y / H, (W - x) / W];
      default: return [x / W, y / H];
    }
  }

  /** A point of the displayed picture (0..1 each) to coded pixels. */
  unitToCoded(u, v) {
    const W = this.width;
    const H = this.height;
    switch (this.turn) {
      case 90: return [v * W, H - u * H];
      case 180: return [W - u * W, H - v * H];
      case 270: return [W - v * W, u * H];
      default: return [u * W, v * H];
    }
  }

  /** A coded box {x, y, width, height} to a CSS-pixel rectangle on the overlay. */
  toView(box) {
    const [u0, v0] = this.codedToUnit(box.x, box.y);
    const [u1, v1] = this.codedToUnit(box.x + box.width, box.y + box.height);
    const { width, height } = this.view;
    return {
      x: Math.min(u0, u1) * width,
      y: Math.min(v0, v1) * height,
      width: Math.abs(u1 - u0) * width,
      height: Math.abs(v1 - v0) * height,
    };
  }

  /** A CSS-pixel rectangle on the overlay to a coded box, rounded to hundredths of a pixel. */
  toCoded(rect) {
    const { width, height } = this.view;
    const [x0, y0] = this.unitToCoded(rect.x / width, rect.y / height);
    const [x1, y1] = this.unitToCoded((rect.x + rect.width) / width, (rect.y + rect.height) / height);
    const r = (v) => Math.round(v * 100) / 100;
    return {
      x: r(Math.min(x0, x1)),
      y: r(Math.min(y0, y1)),
      width: r(Math.abs(x1 - x0)),
      height: r(Math.abs(y1 - y0)),
    };
  }
}

/** The box scaled by `factor` about its centre: the export's mask before clipping to the picture. */
export function scaledBox(box, factor) {
  const w = box.width * factor;
  const h = box.height * factor;
  return { x: box.x + box.width / 2 - w / 2, y: box.y + box.height / 2 - h / 2, width: w, height: h };
}

/** The largest rectangle of `aspect` (width/height) that fits in `width` x `height`, centred. */
export function fitRect(width, height, aspect) {
  let w = width;
  let h = w / aspect;
  if (h > height) {
    h = height;
    w = h * aspect;
  }
  return { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h };
}
