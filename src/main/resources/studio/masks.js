// The masks of a project, fetched in windows of frames around the playhead, never all at once: a long video
// has millions of boxes. Windows are cached per revision; a decision changes masks anywhere, so a new revision
// makes every window stale. Stale windows are still drawn until their fresh copy arrives (no blank flashes).

const CHUNK = 120; // frames per request; the playhead's window and the next one make ~240 frames
const KEEP = 40; // windows held at most

export class MaskCache {
  /**
   * @param fetchMasks (from, count, signal) => Promise<{from, frames}>
   * @param frameCount frames in the video
   */
  constructor(fetchMasks, frameCount) {
    this.fetchMasks = fetchMasks;
    this.frameCount = frameCount;
    this.generation = 0;
    this.chunks = new Map(); // index -> {frames, generation, used}
    this.pending = new Map(); // index -> {promise, generation, controller}
    this.onLoad = () => {};
    this.onError = () => {};
  }

  chunkOf(frame) {
    return Math.floor(frame / CHUNK);
  }

  /** The masks of `frame` at the current revision, or undefined while they are being fetched. */
  get(frame) {
    const c = this.chunks.get(this.chunkOf(frame));
    if (!c || c.generation !== this.generation) return undefined;
    c.used = performance.now();
    return c.frames[frame - this.chunkOf(frame) * CHUNK];
  }

  /** The freshest masks held for `frame`, stale or not: {boxes, fresh} or undefined. */
  latest(frame) {
    const c = this.chunks.get(this.chunkOf(frame));
    if (!c) return undefined;
    return { boxes: c.frames[frame - this.chunkOf(frame) * CHUNK], fresh: c.generation === this.generation };
  }

  /** Every mask of a revision is now out of date. */
  invalidate() {
    this.generation++;
    for (const p of this.pending.values()) p.controller.abort();
    this.pending.clear();
  }

  /** Fetches the window holding `frame` (and `ahead` windows after it) unless held; resolves with the first. */
  ensure(frame, ahead = 1) {
    const first = this.chunkOf(Math.max(0, Math.min(this.frameCount - 1, frame)));
    const last = Math.min(this.chunkOf(this.frameCount - 1), first + ahead);
    let result = null;
    for (let i = first; i <= last; i++) {
      const p = this.load(i);
      if (i === first) result = p;
    }
    return result;
  }

  load(index) {
    const held = this.chunks.get(index);
    if (held && held.generation === this.generation) return Promise.resolve(held);
    const pending = this.pending.get(index);
    if (pending && pending.generation === this.generation) return pending.promise;
    const generation = this.generation;
    const controller = new AbortController();
    const from = index * CHUNK;
    const count = Math.min(CHUNK, this.frameCount - from);
    const promise = this.fetchMasks(from, count, controller.signal).then((answer) => {
      if (this.pending.get(index)?.promise === promise) this.pending.delete(index);
      if (generation !== this.generation) return null; // a newer revision came meanwhile
      const chunk = { frames: answer.frames, generation, used: performance.now() };
      this.chunks.set(index, chunk);
      this.evict(index);
      this.onLoad(from, count);
      return chunk;
    }, (e) => {
      if (this.pending.get(index)?.promise === promise) this.pending.delete(index);
      // Asked again on the next frame drawn; the page says why meanwhile.
      if (e.name !== 'AbortError') this.onError(e);
      return null;
    });
    this.pending.set(index, { promise, generation, controller });
    return promise;
  }

  evict(keep) {
    if (this.chunks.size <= KEEP) return;
    const oldest = [...this.chunks.entries()].filter(([i]) => i !== keep).sort((a, b) => a[1].used - b[1].used);
    for (const [i] of oldest.slice(0, this.chunks.size - KEEP)) this.chunks.delete(i);
  }
}
