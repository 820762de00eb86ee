// The review page's state, apart from its views: the people as listed (sorted, filtered, the "probably not
// faces" folded away, the text found listed apart), which of them are selected for a batch action, merge suggestions, what Undo and Redo
// would do, and the player's shuttle (J/K/L). No DOM here: node's test runner checks it (src/test/js).

/** How the people can be sorted: each a key and whether larger comes first. */
export const SORTS = {
  first: { label: 'first appearance', key: (p, f) => (p.firstFrame < 0 ? Infinity : p.firstFrame), desc: false },
  score: { label: 'score', key: (p, f) => (f ? f.score : 0), desc: true },
  size: { label: 'face size', key: (p, f) => (f ? f.size : 0), desc: true },
  time: { label: 'time on screen', key: (p, f) => (f ? f.frames : 0), desc: true },
};

/** What a person of the list is: 'face', or 'text' (a plate, a sign). Projects from before text: all faces. */
export const kindOf = (person) => (person.kind === 'text' ? 'text' : 'face');

export class PeopleModel {
  constructor() {
    this.kind = 'face'; // which the list shows: the people ('face') or the text found ('text')
    this.people = []; // PersonView, in the studio's order (first appearance)
    this.facts = new Map(); // person id -> {score, size, frames, seconds, firstFrame, unlikely}
    this.suggestions = [];
    this.sort = 'first';
    this.minScore = 0;
    this.minSize = 0;
    this.selected = new Set();
    this.anchor = null; // the last person clicked without Shift: a Shift-click selects from it
    this.unlikelyOpen = false;
    this.dismissed = new Set(); // suggestions the reviewer turned down, by "a-b"
  }

  setPeople(people) {
    this.people = people;
    const ids = new Set(people.map((p) => p.id));
    for (const id of this.selected) if (!ids.has(id)) this.selected.delete(id);
    if (this.anchor !== null && !ids.has(this.anchor)) this.anchor = null;
    if (this.counts().text === 0) this.kind = 'face';
  }

  /** How many people and how many pieces of text are listed. */
  counts() {
    const text = this.people.filter((p) => kindOf(p) === 'text').length;
    return { face: this.people.length - text, text };
  }

  /** Lists the people or the text; a selection of the other kind would act unseen, so it goes. */
  setKind(kind) {
    if (kind === this.kind) return;
    this.kind = kind === 'text' ? 'text' : 'face';
    this.clearSelection();
  }

  setTriage({ people, suggestions }) {
    this.facts = new Map(people.map((f) => [f.person, f]));
    this.suggestions = suggestions;
  }

  factsOf(id) {
    return this.facts.get(id) || null;
  }

  isUnlikely(person) {
    const f = this.facts.get(person.id);
    return !!(f && f.unlikely && kindOf(person) === 'face' && !person.deleted && person.decision !== 'keep');
  }

  passes(person) {
    const f = this.facts.get(person.id);
    if (!f) return this.minScore === 0 && this.minSize === 0;
    return f.score >= this.minScore && f.size >= this.minSize;
  }

  sorted(list) {
    const s = SORTS[this.sort] || SORTS.first;
    const keyed = list.map((p, i) => ({ p, i, k: s.key(p, this.facts.get(p.id)) }));
    keyed.sort((a, b) => (a.k === b.k ? a.i - b.i : (a.k < b.k) !== s.desc ? -1 : 1));
    return keyed.map((x) => x.p);
  }

  /** The people (or text) in the main list: of the kind shown, filtered, sorted, without the probably-not-faces. */
  shown() {
    return this.sorted(this.people.filter((p) => kindOf(p) === this.kind && !this.isUnlikely(p) && this.passes(p)));
  }

  /** The "probably not faces": weak, brief, neither kept nor deleted. */
  unlikely() {
    return this.sorted(this.people.filter((p) => kindOf(p) === this.kind && this.isUnlikely(p)));
  }

  /** Every listed person in the order on screen: the main list, then the folded group when open. */
  order() {
    return this.shown().concat(this.unlikelyOpen ? this.unlikely() : []);
  }

  /**
   * A click on a person's checkbox or row: toggles them, or with Shift selects everyone between the last
   * person clicked and them, as listed.
   */
  click(id, { shift = false } = {}) {
    const order = this.order().map((p) => p.id);
    if (shift && this.anchor !== null && order.includes(this.anchor) && order.includes(id)) {
      const [a, b] = [order.indexOf(this.anchor), order.indexOf(id)].sort((x, y) => x - y);
      for (const x of order.slice(a, b + 1)) this.selected.add(x);
    } else {
      if (this.selected.has(id)) this.selected.delete(id);
      else this.selected.add(id);
      this.anchor = id;
    }
  }

  selectAllShown() {
    for (const p of this.shown()) this.selected.add(p.id);
  }

  clearSelection() {
    this.selected.clear();
    this.anchor = null;
  }

  /** The selected people as listed: the first is the one a merge keeps. */
  selectedIds() {
    const order = this.order().map((p) => p.id);
    const listed = order.filter((id) => this.selected.has(id));
    return listed.concat([...this.selected].filter((id) => !order.includes(id)));
  }

  /** Suggestions whose two people are both still listed, live and not turned down. */
  openSuggestions() {
    const live = new Set(this.people.filter((p) => !p.deleted).map((p) => p.id));
    return this.suggestions.filter((s) => s.people.every((id) => live.has(id))
      && !this.dismissed.has(s.people.join('-')));
  }

  dismiss(suggestion) {
    this.dismissed.add(suggestion.people.join('-'));
  }
}

/** What the Undo and Redo buttons say, from the studio's offer ({undo, redo}: actions or null). */
export function undoLabels(offer) {
  return {
    undo: offer && offer.undo ? `Undo ${offer.undo}` : 'Nothing to undo',
    redo: offer && offer.redo ? `Redo ${offer.redo}` : 'Nothing to redo',
    canUndo: !!(offer && offer.undo),
    canRedo: !!(offer && offer.redo),
  };
}

/** The frame shown at `seconds`, by the frames' times (microseconds): the last one starting at or before it. */
export function frameAtSeconds(micros, seconds) {
  const t = seconds * 1e6;
  let lo = 0;
  let hi = micros.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (micros[mid] <= t + 0.5) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A frame typed by the reviewer: a frame number ("120"), seconds ("4.5s"), or a time ("1:02.5", "0:01:02").
 * Returns the frame, or throws an Error that says what is accepted.
 */
export function parseFrameEntry(text, micros) {
  const s = String(text).trim();
  const last = micros.length - 1;
  let frame;
  if (/^\d+$/.test(s)) {
    frame = Number(s);
  } else if (/^\d+(\.\d+)?\s*s$/.test(s)) {
    frame = frameAtSeconds(micros, parseFloat(s));
  } else if (/^(\d+:){1,2}\d+(\.\d+)?$/.test(s)) {
    const seconds = s.split(':').reduce((acc, part) => acc * 60 + parseFloat(part), 0);
    frame = frameAtSeconds(micros, seconds);
  } else {
    throw new Error(`“${s}” is not a frame: type a frame number (120), seconds (4.5s) or a time (1:02.5)`);
  }
  if (frame > last) throw new Error(`there is no frame ${frame}: the video has frames 0 to ${last}`);
  return frame;
}

/**
 * J/K/L as editors use them: L plays forward, faster with each press (1x, 2x, 4x); J plays backward the same
 * way; K stops. Returns the new rate (negative: backward; 0: stopped).
 */
export function shuttle(rate, key) {
  if (key === 'k') return 0;
  if (key === 'l') return rate <= 0 ? 1 : Math.min(4, rate * 2);
  if (key === 'j') return rate >= 0 ? -1 : Math.max(-4, rate * 2);
  return rate;
}

/**
 * The people given lanes on the timeline: the first `max` listed, in list order (lanes do not jump when one is
 * selected); a selected person listed further down takes the last lane.
 */
export function laneOrder(shown, selectedId, max) {
  const lanes = shown.slice(0, max);
  const sel = shown.find((p) => p.id === selectedId);
  if (sel && !lanes.includes(sel) && max > 0) lanes[max - 1] = sel;
  return lanes;
}
