// The review view of one project: it wires the player, the mask overlay, the timeline, the people list and the
// export panel to the project's API, and keeps them showing one revision. Every decision is saved by the
// studio at once; the page then refetches what changed (people, masks, settings) and only then says which
// revision it shows (body[data-revision]), so a test or a second tab can wait for a decision to take effect.

import * as apiModule from './api.js';
import { projectApi } from './api.js';
import { Geometry, fitRect } from './geometry.js';
import { Player } from './player.js';
import { MaskCache } from './masks.js';
import { Overlay } from './overlay.js';
import { Timeline } from './timeline.js';
import { PeopleList } from './people.js';
import { ExportPanel } from './export.js';
import { rememberedPath, rememberPath } from './home.js';
import { el, formatTime, describeProgress, icon, typingInto } from './util.js';

const $ = (id) => document.getElementById(id);
const PAGE = 100;
const STATE_TITLES = {
  waiting: 'Waiting to analyse',
  analysing: 'Finding faces',
  failed: 'The analysis failed',
  cancelled: 'The analysis was cancelled',
};

export class Review {
  /**
   * @param id       the project id
   * @param notify   {error(message), info(message)}
   */
  constructor(id, notify) {
    this.id = id;
    this.api = projectApi(id);
    this.notify = notify;
    this.status = null;
    this.loaded = false;
    this.loading = false;
    this.destroyed = false;
    this.shownRevision = -1;
    this.latestRevision = -1;
    this.statusSeq = 0; // events received, to know whether a fetched Status is older than the last event
    this.people = [];
    this.peopleTotal = 0;
    this.showDeleted = false;
    this.marked = new Set();
    this.selectedPerson = null;
    this.selectedTrack = null;
    this.range = { in: null, out: null };
    this.view = 'outline';
    this.pictureFrame = 0; // the frame the picture shows (masks are drawn for it)
    this.playing = false;
    this.cleanups = [];
    window.studioMetrics = { readyMs: null, seeks: [] };
    delete document.body.dataset.revision; // none shown yet
    this.resetDom();
  }

  // ---- opening

  /** Shows the project: its analysis while it runs, the review once it is ready. */
  async open() {
    const seq = this.statusSeq;
    let status;
    try {
      const all = await apiModule.get('api/projects');
      status = all.find((p) => p.id === this.id);
    } catch (e) {
      this.notify.error(e.message);
      return;
    }
    if (!status) {
      this.showStatus({ id: this.id, name: 'Unknown project', state: 'failed', error:
        `There is no project ${this.id} in this studio. Open the video again from the list of videos.`,
        progress: null, revision: 0, export: { phase: 'none' }, following: {} });
      return;
    }
    this.fetchedStatus(status, seq);
  }

  /**
   * A Status fetched or answered to a POST: events sent while it was on its way are newer, so it counts only
   * if none came meanwhile (statuses carry no sequence number). A later fetch makes sure of the outcome.
   */
  fetchedStatus(status, seq) {
    if (this.statusSeq === seq) {
      this.onStatus(status);
    }
    clearTimeout(this.reconcileTimer);
    const busy = status.state === 'waiting' || status.state === 'analysing' || status.export.phase === 'waiting'
      || status.export.phase === 'running';
    if (busy) {
      this.reconcileTimer = setTimeout(() => {
        if (!this.destroyed) this.open();
      }, 2000);
    }
  }

  /** Sends a request answered by a Status (cancel, export, analyse again), and shows it if still current. */
  async statusRequest(request) {
    const seq = this.statusSeq;
    const status = await request;
    this.fetchedStatus(status, seq);
    return status;
  }

  /** A project's Status from the events (or a fetch): progress, state, revision, export, following. */
  onStatus(status, fromEvent = false) {
    if (this.destroyed || status.id !== this.id) return;
    if (fromEvent) this.statusSeq++;
    this.status = status;
    this.showStatus(status);
    if (status.state === 'ready' && !this.loaded && !this.loading) {
      this.load();
    } else if (status.state !== 'ready' && this.loaded) {
      // Analysed again (after a failure elsewhere): start over from the analysis view.
      this.teardownReview();
    }
    if (this.loaded) {
      this.exportPanel.update(status);
      this.peopleList.updateFollowing(status.following);
      if (status.revision > this.latestRevision) this.latestRevision = status.revision;
      // A refresh under way checks the latest revision when it ends.
      // (so does the first load, when it ends).
      if (this.latestRevision > this.shownRevision && !this.refreshing && !this.loading) this.requestRefresh();
    }
  }

  /** After the event stream reconnects: what happened meanwhile is fetched again. */
  resync() {
    this.open();
  }

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
  async load() {
    this.loading = true;
    const started = performance.now();
    this.readyStart = started;
    try {
      const [view, frames] = await Promise.all([this.api.view(), this.api.frames()]);
      if (this.destroyed) return;
      this.project = view;
      this.micros = frames.micros;
      this.cuts = view.cuts;
      this.redaction = view.redaction;
      this.setup();
      this.shownRevision = -1;
      this.latestRevision = Math.max(this.latestRevision, view.status.revision);
      this.loaded = true;
      this.exportPanel.setRedaction(view.redaction);
      this.exportPanel.update(this.status || view.status);
      this.exportPanel.checkExportAge(view.status);
      this.player.load(this.api.mediaUrl);
      const [page] = await Promise.all([this.api.people(0, PAGE, this.showDeleted), this.masks.ensure(0, 1)]);
      if (this.destroyed) return;
      // Rows, masks and the revision they show appear together: whoever sees the rows sees their revision.
      this.people = page.people;
      this.peopleTotal = page.total;
      this.setRevision(view.status.revision);
      this.renderPeople();
      this.peopleShown = true;
      this.drawFrame();
      if (this.latestRevision > this.shownRevision) this.requestRefresh();
    } catch (e) {
      this.notify.error(`The project could not be loaded: ${e.message}`);
    } finally {
      this.loading = false;
    }
  }

  setRevision(revision) {
    this.shownRevision = revision;
    document.body.dataset.revision = String(revision);
  }

  // ---- building the view

  /** Clears what a previous project left in the shared DOM. */
  resetDom() {
    $('people').replaceChildren();
    $('people-count').textContent = '';
    $('people-summary').textContent = '';
    $('selection-body').replaceChildren();
    $('show-deleted').checked = false;
    $('after-image').hidden = true;
    $('after-image').removeAttribute('src');
    $('stage-message').hidden = true;
    $('stage-badge').hidden = true;
    $('review-grid').hidden = true;
    $('analysis-card').hidden = true;
    $('status').textContent = '';
    $('analysis-progress').textContent = '';
    $('following').hidden = true;
    $('tool-draw').classList.remove('active');
    $('tool-draw').setAttribute('aria-pressed', 'false');
    this.setViewButtons('outline');
    this.bind($('cancel'), 'click', () => this.cancelWork());
    this.bind($('analyse-again'), 'click', () => this.analyseAgain());
    this.bind($('show-log'), 'click', () => this.showLog());
    this.bind($('log-close'), 'click', () => $('log-dialog').close());
  }

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
  bind(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    this.cleanups.push(() => target.removeEventListener(type, fn, options));
  }

  setup() {
    // The overlay, timeline and list keep their own listeners: each project gets fresh elements, so that no
    // listener of a project closed before acts on this one.
    for (const id of ['overlay', 'timeline', 'people']) {
      const old = $(id);
      old.replaceWith(old.cloneNode(false));
    }
    const v = this.project.video;
    this.geometry = new Geometry(v.width, v.height, v.rotation);
    const video = $('player');
    this.player = new Player(video, this.micros, {
      onFrame: ({ frame, picture }) => this.frameChanged(frame, picture),
      onState: ({ playing }) => this.playStateChanged(playing),
      onError: (message) => this.videoFailed(message),
    });
    this.overlay = new Overlay($('overlay'), this.geometry, {
      onSelect: (track, person) => this.select(person, track),
      onDeselect: () => this.select(null, null),
      onDraw: (box) => this.drawBox(box),
      onSetBox: (track, box) => this.setBox(track, box),
    });
    this.overlay.settings = this.redaction;
    this.masks = new MaskCache((from, count, signal) => this.api.masks(from, count, signal), this.micros.length);
    this.masks.onError = (e) => this.notify.error(`The masks could not be loaded: ${e.message}`);
    this.masks.onLoad = (from, count) => {
      if (this.pictureFrame >= from && this.pictureFrame < from + count) this.drawFrame();
    };
    this.timeline = new Timeline($('timeline'), { micros: this.micros, cuts: this.cuts }, (f) => this.seek(f));
    this.peopleList = new PeopleList($('people'), {
      thumbUrl: (file) => this.api.thumbUrl(file),
      timeOf: (f) => this.timeOf(f),
      frames: this.micros.length,
      thumbStyle: this.geometry.turn ? `transform: rotate(${this.geometry.turn}deg)` : null,
    }, {
      select: (person, track) => this.select(person, track),
      seek: (frame, person, track) => {
        this.select(person, track ?? null);
        this.seek(frame);
      },
      decide: (person, decision) => this.decide(person, decision),
      label: (person, label) => this.act(this.api.label(person, label), label ? `Person #${person} is now “${label}”.` : null),
      mark: (person, checked) => this.markForMerge(person, checked),
      track: (action, track, person) => this.trackAction(action, track, person),
    });
    this.exportPanel = new ExportPanel(this.api, {
      statusRequest: (request) => this.statusRequest(request),
      settingsSaved: (r) => {
        this.redaction = r;
        this.overlay.set({ settings: r });
        this.requestRefresh();
      },
      preview: (change) => this.overlay.set({ settings: { ...this.redaction, ...change } }),
      error: (m) => this.notify.error(m),
    });

    // Buttons and keys
    this.setPlayButton(false);
    $('prev-frame').replaceChildren(icon('prev'));
    $('next-frame').replaceChildren(icon('next'));
    this.bind($('play'), 'click', () => this.togglePlay());
    this.bind($('mute'), 'click', () => {
      video.muted = !video.muted;
    });
    this.bind(video, 'volumechange', () => this.setMuteButton());
    this.setMuteButton();
    this.bind($('prev-frame'), 'click', () => this.step(-1));
    this.bind($('next-frame'), 'click', () => this.step(1));
    this.bind($('view-outline'), 'click', () => this.setView('outline'));
    this.bind($('view-after'), 'click', () => this.setView('after'));
    this.bind($('tool-draw'), 'click', () => this.setDrawMode(!this.drawMode));
    this.bind($('mark-in'), 'click', () => this.mark('in'));
    this.bind($('mark-out'), 'click', () => this.mark('out'));
    this.bind($('mark-clear'), 'click', () => this.setRange({ in: null, out: null }));
    this.bind($('merge-selected'), 'click', () => this.merge());
    this.bind($('clear-selection'), 'click', () => {
      this.marked.clear();
      this.updateMergeButton();
      this.peopleList.highlight(this.highlightState());
    });
    this.bind($('show-deleted'), 'change', (e) => {
      this.showDeleted = e.target.checked;
      this.loadPeople(true);
    });
    this.bind($('people-more-button'), 'click', () => this.loadMorePeople());
    this.bind(document, 'keydown', (e) => this.key(e));
    const more = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) this.loadMorePeople();
    }, { root: $('people-scroll'), rootMargin: '400px' });
    more.observe($('people-more'));
    this.cleanups.push(() => more.disconnect());
    const resize = new ResizeObserver(() => this.layout());
    resize.observe($('stage'));
    this.cleanups.push(() => resize.disconnect());
    this.bind(video, 'loadedmetadata', () => this.layout());
    this.bind(window, 'resize', () => this.layout());
    this.setRange({ in: null, out: null });
    this.layout();
    this.renderSelection();
    this.updateClock();
  }

  /** Fits the picture in the stage (no letterboxing inside the element) and puts the overlay exactly on it. */
  layout() {
    if (!this.geometry) return;
    const stage = $('stage');
    const video = $('player');
    // The browser's own size of the picture includes rotation and pixel aspect; before metadata, the coded one.
    const aspect = video.videoWidth && video.videoHeight
      ? video.videoWidth / video.videoHeight : this.geometry.displayAspect;
    const r = fitRect(stage.clientWidth, stage.clientHeight, aspect);
    const place = (node, rect) => {
      node.style.left = `${rect.x}px`;
      node.style.top = `${rect.y}px`;
      node.style.width = `${rect.width}px`;
      node.style.height = `${rect.height}px`;
    };
    place(video, r);
    place($('overlay'), r);
    for (const img of [$('after-image'), this.still].filter(Boolean)) {
      // Frame pictures come from the coded picture, not turned: turn them as the video is turned.
      const turn = this.geometry.turn;
      if (turn % 180 === 0) {
        place(img, r);
      } else {
        place(img, { x: r.x + (r.width - r.height) / 2, y: r.y + (r.height - r.width) / 2, width: r.height, height: r.width });
      }
      img.style.transform = turn ? `rotate(${turn}deg)` : '';
    }
    this.overlay.resize(r.width, r.height);
  }

  // ---- frames and the player

  timeOf(frame) {
    return this.micros[Math.max(0, Math.min(this.micros.length - 1, frame))] / 1e6;
  }

  get frame() {
    return this.player ? this.player.frame : 0;
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

  // ---- selection

  select(person, track) {
    this.selectedPerson = person;
    this.selectedTrack = track;
    if (person !== null && track === null) {
      const p = this.people.find((x) => x.id === person);
      const live = p ? p.tracks.filter((t) => !t.deleted) : [];
      if (live.length === 1) this.selectedTrack = live[0].id;
    }
    this.overlay.set({ selectedPerson: person, selectedTrack: this.selectedTrack });
    this.timeline.setSelected(this.people.find((x) => x.id === person) || (person === null ? null
      : { id: person, label: null, decision: 'blur', tracks: [] }));
    this.peopleList.highlight(this.highlightState());
    if (person !== null) this.peopleList.reveal(person);
    this.renderSelection();
  }

  highlightState() {
    return {
      selectedPerson: this.selectedPerson,
      selectedTrack: this.selectedTrack,
      marked: this.marked,
      following: this.status ? this.status.following : {},
    };
  }

  /** The strip under the timeline: what is selected, its box on this frame, and what can be done with it. */
  renderSelection() {
    if (!this.overlay) return;
    const body = $('selection-body');
    const p = this.people.find((x) => x.id === this.selectedPerson);
    const parts = [];
    if (this.drawMode) {
      parts.push(el('span', { class: 'hint strong' }, 'Draw mode: drag a box over a face the detector missed, on '
        + 'this paused frame. It is followed through its shot and hidden.'),
      el('span', { class: 'hint' }, 'D or Esc stops drawing.'));
    } else if (this.selectedPerson === null) {
      parts.push(el('span', { class: 'hint' }, 'Click a mask or a person to select them; drag a selected box’s '
        + 'corners or middle to correct it.'),
      el('span', { class: 'hint' }, 'A face with no outline is not hidden: add it with Draw box (D).'));
    } else {
      const kept = p && p.decision === 'keep';
      parts.push(el('span', { class: 'sel-title' },
        el('b', {}, p && p.label ? `${p.label} (#${this.selectedPerson})` : `Person #${this.selectedPerson}`),
        el('span', { class: `badge ${kept ? 'kept' : 'hidden'}` }, kept ? 'kept visible' : 'blurred')));
      const t = p && p.tracks.find((x) => x.id === this.selectedTrack);
      if (t) {
        const first = t.spans.length ? t.spans[0][0] : t.sightings[0];
        const last = t.spans.length ? t.spans[t.spans.length - 1][1] : t.sightings[1];
        parts.push(el('span', {}, `Track ${t.id} (${t.kind === 'drawn' ? 'drawn' : 'found'}), frames ${first}–${last}`
          + (t.deleted ? ', deleted' : '')));
        const boxes = (this.masks.latest(this.pictureFrame)?.boxes || []).filter((b) => b[0] === t.id);
        if (boxes.length) {
          const [, , , x, y, w, h] = boxes[0];
          parts.push(el('span', { class: 'mono small muted' },
            `box ${Math.round(w)}×${Math.round(h)} at ${Math.round(x)},${Math.round(y)}`),
          el('span', { class: 'hint' }, t.kind === 'drawn'
            ? 'Drag its corners or middle to correct it: it is followed again from this frame.'
            : 'Drag its corners or middle to correct it: the mask changes from this frame on.'));
        } else {
          parts.push(el('span', { class: 'hint' }, `Not on frame ${this.pictureFrame}: click a thumbnail or the timeline to go to it.`));
        }
      } else if (p) {
        parts.push(el('span', { class: 'hint' }, `${p.tracks.length} tracks: click a mask or a track to pick one.`));
      }
    }
    body.replaceChildren(...parts);
  }

  // ---- people

  async loadPeople(reset) {
    if (reset) {
      this.people = [];
      this.peopleTotal = 0;
      $('people').replaceChildren();
      this.peopleList.rows.clear();
    }
    try {
      const page = await this.api.people(0, PAGE, this.showDeleted);
      this.people = page.people;
      this.peopleTotal = page.total;
      this.renderPeople();
    } catch (e) {
      this.notify.error(`The people could not be listed: ${e.message}`);
    }
  }

  async loadMorePeople() {
    if (!this.loaded || this.loadingMore || this.people.length >= this.peopleTotal) return;
    this.loadingMore = true;
    try {
      const deleted = this.showDeleted;
      const page = await this.api.people(this.people.length, PAGE, deleted);
      if (deleted !== this.showDeleted) return;
      const have = new Set(this.people.map((p) => p.id));
      this.people = this.people.concat(page.people.filter((p) => !have.has(p.id)));
      this.peopleTotal = page.total;
      this.renderPeople();
    } catch (e) {
      this.notify.error(e.message);
    } finally {
      this.loadingMore = false;
    }
  }

  /** The pages listed so far, fetched again after a decision. */
  async reloadPeople() {
    const want = Math.max(PAGE, this.people.length);
    const deleted = this.showDeleted;
    let all = [];
    let total = 0;
    for (let offset = 0; offset < want; offset += 500) {
      const page = await this.api.people(offset, Math.min(500, want - offset), deleted);
      all = all.concat(page.people);
      total = page.total;
      if (page.people.length === 0 || all.length >= total) break;
    }
    if (deleted !== this.showDeleted) return;
    this.people = all;
    this.peopleTotal = total;
    this.renderPeople();
  }

  renderPeople() {
    this.peopleList.render(this.people, this.highlightState());
    if (!this.showDeleted) this.timeline.setPeople(this.people, this.people.length >= this.peopleTotal);
    const sel = this.people.find((x) => x.id === this.selectedPerson);
    if (sel) this.timeline.setSelected(sel);
    const kept = this.people.filter((p) => p.decision === 'keep').length;
    $('people-count').textContent = this.showDeleted ? `${this.peopleTotal} deleted` : `${this.peopleTotal}`;
    $('people-summary').textContent = this.people.length < this.peopleTotal
      ? `showing ${this.people.length} of ${this.peopleTotal}`
      : this.showDeleted ? '' : kept ? `${kept} kept visible, ${this.people.length - kept} blurred` : 'all blurred';
    $('people-more').hidden = this.people.length >= this.peopleTotal;
    if (!this.people.length) {
      $('people').replaceChildren(el('li', { class: 'empty' }, this.showDeleted
        ? 'No deleted people.' : 'No faces found. Use Draw box to hide any the detector missed.'));
      this.peopleList.rows.clear();
    } else {
      const empty = $('people').querySelector('.empty');
      if (empty) empty.remove();
    }
    this.updateMergeButton();
    this.renderSelection();
  }

  markForMerge(person, checked) {
    if (checked) this.marked.add(person);
    else this.marked.delete(person);
    this.updateMergeButton();
    this.peopleList.highlight(this.highlightState());
  }

  updateMergeButton() {
    const b = $('merge-selected');
    const n = this.marked.size;
    b.disabled = n < 2;
    b.textContent = n >= 2 ? `Merge ${n} people` : 'Merge selected';
    $('clear-selection').hidden = n === 0;
  }

  async merge() {
    // The first in the list (first on screen) is the one the others become.
    const order = this.people.map((p) => p.id).filter((id) => this.marked.has(id));
    const ids = order.concat([...this.marked].filter((id) => !order.includes(id)));
    if (ids.length < 2) return;
    // No question asked: a merge is undone with Separate, and a merged person is blurred unless all were kept.
    const anyBlur = ids.some((id) => this.people.find((p) => p.id === id)?.decision !== 'keep');
    await this.act(this.api.merge(ids), `${ids.map((i) => `#${i}`).join(', ')} are now person #${ids[0]}`
      + (anyBlur ? ', blurred.' : ', kept visible (all of them were).'));
    this.marked.clear();
    this.updateMergeButton();
    this.select(ids[0], null);
  }

  // ---- decisions

  /**
   * Sends one decision; on success refetches what it changed. Returns the answer, or null after showing the
   * studio's message.
   */
  async act(request, success) {
    try {
      const answer = await request;
      if (success) this.notify.info(success);
      this.requestRefresh();
      return answer;
    } catch (e) {
      this.notify.error(e.message);
      this.overlay.clearPending();
      this.requestRefresh();
      return null;
    }
  }

  async decide(person, decision) {
    const row = document.querySelector(`.person[data-person-id="${person}"]`);
    if (row) row.classList.add('pending');
    const status = await this.act(this.api.decide(person, decision),
      decision === 'keep' ? `Person #${person} will stay visible in the export.` : null);
    if (row) row.classList.remove('pending');
    if (status) {
      // Show the choice at once; the refresh that follows brings the rest.
      const p = this.people.find((x) => x.id === person);
      if (p) p.decision = decision;
      if (row) {
        row.classList.toggle('kept', decision === 'keep');
        row.querySelector('button.keep').classList.toggle('active', decision === 'keep');
        row.querySelector('button.blur').classList.toggle('active', decision !== 'keep');
      }
    }
  }

  async trackAction(action, track, person) {
    const frame = this.frame;
    switch (action) {
      case 'split':
        await this.act(this.api.split(track, frame), `Track ${track} split at frame ${frame}: `
          + 'the frames from it on are a new person, blurred.');
        break;
      case 'delete-frames': {
        const { in: a, out: b } = this.range;
        if (a === null && b === null) {
          this.notify.error('Mark the frames first: Mark in on the first frame, Mark out on the last, then Cut range.');
          return;
        }
        const from = Math.min(a ?? b, b ?? a);
        const to = Math.max(a ?? b, b ?? a);
        await this.act(this.api.deleteFrames(track, from, to), `Track ${track} hides nothing on frames ${from}–${to}.`);
        break;
      }
      case 'separate':
        await this.act(this.api.separate(track), `Track ${track} is now a person of its own, blurred.`);
        break;
      case 'delete':
        await this.act(this.api.deleteTrack(track), `Track ${track} deleted: it hides nothing now. `
          + 'Restore it from its row (Show deleted lists people with no track left).');
        break;
      case 'restore':
        await this.act(this.api.restoreTrack(track), `Track ${track} restored: it is hidden again.`);
        break;
      default:
    }
    this.select(person, track);
  }

  async drawBox(box) {
    // The frame the reviewer is on (its number is shown); the picture shows it, or will within a blink.
    const frame = this.frame;
    const answer = await this.act(this.api.draw(frame, box),
      `Face drawn on frame ${frame}; it is being followed through the shot.`);
    if (answer) {
      this.selectedTrack = answer.track;
      this.pendingSelectTrack = answer.track;
    }
  }

  async setBox(track, box) {
    await this.act(this.api.setBox(track, this.frame, box), null);
  }

  // ---- keeping up with revisions

  requestRefresh() {
    this.refreshWanted = true;
    if (!this.refreshing) this.runRefresh();
  }

  /** Refetches settings, people and masks until the page shows the latest revision. Runs one at a time. */
  async runRefresh() {
    this.refreshing = true;
    try {
      while (this.refreshWanted && !this.destroyed && this.loaded) {
        this.refreshWanted = false;
        const view = await this.api.view();
        const revision = view.status.revision;
        this.redaction = view.redaction;
        this.exportPanel.setRedaction(view.redaction);
        this.overlay.settings = view.redaction;
        this.masks.invalidate();
        await Promise.all([this.reloadPeople(), this.masks.ensure(this.pictureFrame, 1)]);
        if (this.pendingSelectTrack !== undefined) {
          const owner = this.people.find((p) => p.tracks.some((t) => t.id === this.pendingSelectTrack));
          if (owner) {
            const t = this.pendingSelectTrack;
            this.pendingSelectTrack = undefined;
            this.select(owner.id, t);
          }
        }
        this.overlay.clearPending();
        if (revision > this.latestRevision) this.latestRevision = revision;
        this.setRevision(revision);
        this.drawFrame();
        if (this.latestRevision > this.shownRevision) this.refreshWanted = true;
      }
    } catch (e) {
      if (!this.destroyed) this.notify.error(`The review could not be brought up to date: ${e.message}`);
    } finally {
      this.refreshing = false;
    }
  }

  // ---- keys

  key(e) {
    if (!this.loaded || $('review-grid').hidden || typingInto(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    const k = e.key;
    let handled = true;
    if (k === ' ' || k === 'k') this.togglePlay();
    else if (k === 'ArrowLeft') this.step(e.shiftKey ? -10 : -1);
    else if (k === 'ArrowRight') this.step(e.shiftKey ? 10 : 1);
    else if (k === 'Home') this.seek(0);
    else if (k === 'End') this.seek(this.micros.length - 1);
    else if (k === 'i' || k === 'I') this.mark('in');
    else if (k === 'o' || k === 'O') this.mark('out');
    else if (k === 'd' || k === 'D') this.setDrawMode(!this.drawMode);
    else if (k === 'a' || k === 'A') this.setView(this.view === 'after' ? 'outline' : 'after');
    else if (k === 'm' || k === 'M') $('player').muted = !$('player').muted;
    else if (k === 'Escape') {
      if (this.drawMode) this.setDrawMode(false);
      else this.select(null, null);
    } else handled = false;
    if (handled) e.preventDefault();
  }

  // ---- closing

  teardownReview() {
    this.loaded = false;
    delete document.body.dataset.revision;
    if (this.player) this.player.destroy();
    if (this.still) this.still.remove();
    this.still = null;
    for (const fn of this.cleanups.splice(0)) fn();
    this.resetDom();
    if (this.status) this.showStatus(this.status);
  }

  destroy() {
    this.destroyed = true;
    this.teardownReview();
    for (const fn of this.cleanups.splice(0)) fn();
    delete document.body.dataset.revision;
  }
}
