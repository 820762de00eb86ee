// The video player, frame-accurate. The API numbers frames from 0; the <video> element knows times. Frame i is
// shown at T0 + micros[i] / 1e6, where T0 is the media time of the first frame. requestVideoFrameCallback
// tells exactly which frame the browser presents (while playing and after seeks), and that frame, not
// currentTime, is the one whose masks are drawn.

export class Player {
  /**
   * @param video  the <video> element
   * @param micros each frame's time in microseconds from the first frame
   * @param onFrame called as ({frame, picture}) when the frame changes: `frame` is the frame the reviewer is on,
   *                `picture` the frame the video shows (null while a seek has not shown anything yet: after a
   *                seek the number changes first, the picture a moment later)
   * @param onState called with {playing} when playback starts or stops
   */
  constructor(video, micros, { onFrame, onState, onError }) {
    this.video = video;
    this.micros = micros;
    this.onFrame = onFrame;
    this.onState = onState;
    this.onError = onError;
    this.t0 = 0;
    this.frame = 0;
    this.presented = -1;
    this.target = null; // the frame a seek asked for, until the video shows one
    this.broken = false;
    this.destroyed = false;
    this.ready = false; // until T0 is known, seeks are remembered, not made
    this.listeners = [];
    this.on('play', () => this.onState({ playing: true }));
    this.on('pause', () => this.onState({ playing: false }));
    this.on('ended', () => this.onState({ playing: false }));
    this.on('seeked', () => this.seeked());
    this.on('error', () => {
      this.broken = true;
      const code = video.error ? video.error.code : 0;
      this.onError(code === 4
        ? 'this browser cannot play the video; frames are shown as still pictures instead'
        : 'the video could not be loaded; frames are shown as still pictures instead');
    });
    this.watchFrames();
  }

  get frameCount() {
    return this.micros.length;
  }

  get playing() {
    return !this.broken && !this.video.paused && !this.video.ended;
  }

  on(type, fn) {
    this.video.addEventListener(type, fn);
    this.listeners.push([type, fn]);
  }

  /** Loads the media and finds T0 (the first frame's media time); resolves when frame 0 can be shown. */
  async load(src) {
    this.video.src = src;
    await new Promise((resolve) => {
      const done = () => {
        this.video.removeEventListener('loadeddata', done);
        this.video.removeEventListener('error', done);
        resolve();
      };
      this.video.addEventListener('loadeddata', done);
      this.video.addEventListener('error', done);
    });
    if (this.destroyed) return;
    if (!this.broken) {
      // A paused video presents its first picture without a frame callback; a seek to its very start makes
      // one, whose media time is the first frame's: that is T0 (0 for most files, later for some edit lists).
      const first = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), 1500);
        this.video.requestVideoFrameCallback((now, meta) => {
          clearTimeout(timer);
          resolve(meta.mediaTime);
        });
        this.video.currentTime = 0.0005;
      });
      if (first !== null && first < 1) this.t0 = first;
    }
    if (this.destroyed) return;
    this.ready = true;
    this.presented = -1;
    this.seek(this.frame); // frame 0, or where the reviewer asked to go meanwhile
  }

  /** The media time to seek to for frame i: halfway into its display interval, so rounding cannot miss it. */
  seekTime(i) {
    const m = this.micros;
    const next = i + 1 < m.length ? m[i + 1] : m[i] + (i > 0 ? m[i] - m[i - 1] : 40000);
    return this.t0 + (m[i] + (next - m[i]) / 2) / 1e6;
  }

  /** The frame shown at media time t: the one whose time is nearest. */
  frameAt(mediaTime) {
    const t = (mediaTime - this.t0) * 1e6;
    const m = this.micros;
    let lo = 0;
    let hi = m.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    if (lo + 1 < m.length && m[lo + 1] - t < t - m[lo]) lo++;
    return lo;
  }

  /** Keeps one frame callback registered for the player's life: each presented frame reports its index. */
  watchFrames() {
    if (!('requestVideoFrameCallback' in HTMLVideoElement.prototype)) return;
    const tick = (now, meta) => {
      if (this.destroyed) return;
      this.video.requestVideoFrameCallback(tick);
      if (this.ready) this.present(this.frameAt(meta.mediaTime));
    };
    this.video.requestVideoFrameCallback(tick);
  }

  /** The video shows `frame` now. */
  present(frame) {
    this.presented = frame;
    if (this.target !== null && (frame === this.target || !this.video.seeking)) {
      // Reached, or the last seek ended elsewhere (it should not): the picture is the truth. A frame shown
      // while a later seek still runs is on the way, and leaves the target alone.
      this.target = null;
    }
    this.frame = this.target !== null ? this.target : frame;
    this.onFrame({ frame: this.frame, picture: frame });
  }

  /** A seek that shows the frame already on screen makes no frame callback: the seek's end says so. */
  seeked() {
    const target = this.target;
    if (target === null) return;
    setTimeout(() => {
      if (this.target === target && !this.playing) this.present(target);
    }, 60);
  }

  /** Shows frame i (clamped to the video). Keeps playing if it was. */
  seek(i) {
    const frame = Math.max(0, Math.min(this.frameCount - 1, Math.round(i)));
    this.frame = frame;
    if (!this.ready) {
      this.target = frame;
      this.onFrame({ frame, picture: null });
      return;
    }
    if (this.broken) {
      this.presented = frame;
      this.onFrame({ frame, picture: frame });
      return;
    }
    this.target = frame;
    this.onFrame({ frame, picture: null });
    this.video.currentTime = this.seekTime(frame);
  }

  /** Steps `n` frames (negative: back), pausing first. */
  step(n) {
    if (this.playing) this.video.pause();
    const from = this.target !== null ? this.target : this.frame;
    this.seek(from + n);
  }

  play() {
    if (this.broken || !this.ready) return;
    if (this.frame >= this.frameCount - 1) this.seek(0);
    this.target = null;
    const p = this.video.play();
    if (p && p.catch) p.catch((e) => {
      if (e.name === 'NotAllowedError' && !this.video.muted) {
        // The browser refuses sound without a gesture it trusts: play muted rather than not at all.
        this.video.muted = true;
        this.video.play().catch(() => {});
      } else if (e.name !== 'AbortError') {
        this.onError(`playback did not start (${e.message})`);
      }
    });
  }

  /** Pauses, then settles exactly on the frame on screen, so the frame number and masks match it. */
  pause() {
    if (this.video.paused) return;
    this.video.pause();
    const frame = this.presented >= 0 ? this.presented : this.frame;
    this.seek(frame);
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  destroy() {
    this.destroyed = true;
    for (const [type, fn] of this.listeners) this.video.removeEventListener(type, fn);
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
  }
}
