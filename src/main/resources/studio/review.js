// The review view of one project: it wires the player, the mask overlay, the timeline, the people list and the
// export panel to the project's API, and keeps them showing one revision. Every decision is saved by the
// studio at once; the page then refetches what changed (people, masks, settings) and only then says which
// revision it shows (body[data-revision]), so a test or a second tab can wait for a decision to take effect.

import * as apiModule from './api.js';
import { projectApi } from './api.js';
import { StatusPart } from './review-status.js';
import { PlayerPart } from './review-player.js';
import { PeoplePart } from './review-people.js';
import { KeysPart } from './review-keys.js';
import { TriagePart } from './review-triage.js';
import { PeopleModel } from './state.js';
import { Geometry, fitRect } from './geometry.js';
import { Player } from './player.js';
import { MaskCache } from './masks.js';
import { Overlay } from './overlay.js';
import { Timeline } from './timeline.js';
import { PeopleList } from './people.js';
import { ExportPanel } from './export.js';
import { el, icon, mixin } from './util.js';

const $ = (id) => document.getElementById(id);
const PAGE = 100;

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
    this.model = new PeopleModel();
    this.history = null;
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
      const [page] = await Promise.all([this.api.people(0, PAGE, this.showDeleted), this.masks.ensure(0, 1),
        this.refreshTriage()]);
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

  bind(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    this.cleanups.push(() => target.removeEventListener(type, fn, options));
  }

  setup() {
    // The overlay, timeline and list keep their own listeners: each project gets fresh elements, so that no
    // listener of a project closed before acts on this one.
    for (const id of ['overlay', 'timeline', 'people', 'unlikely-people', 'suggestions']) {
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
    this.timeline.onLane = (person) => this.select(person, null);
    this.peopleList = this.makePeopleList($('people'));
    this.unlikelyList = this.makePeopleList($('unlikely-people'));
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

    this.bindControls(video);
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

  /** A people list (the main one, or the folded probably-not-faces) wired to this review. */
  makePeopleList(root) {
    return new PeopleList(root, {
      factsOf: (id) => this.model.factsOf(id),
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

  get frame() {
    return this.player ? this.player.frame : 0;
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
        await Promise.all([this.refreshTriage(), this.masks.ensure(this.pictureFrame, 1)]);
        await this.reloadPeople();
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

// The review's parts live in their own modules, as methods of this one class: they share its state.
mixin(Review, StatusPart, PlayerPart, PeoplePart, TriagePart, KeysPart);
