// The review's controls: its buttons, keys (every one listed in the legend under the timeline), the J/K/L
// shuttle and typed frames. Methods of Review (see review.js).

import { icon, typingInto } from './util.js';
import { parseFrameEntry, shuttle } from './state.js';

const $ = (id) => document.getElementById(id);

export class KeysPart {
  /** Wires the transport, the people toolbar and the keys to this review. */
  bindControls(video) {
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
    this.model.clearSelection();
    this.selectionChanged();
  });
  this.bind($('select-all'), 'click', () => this.selectAllShown());
  for (const action of ['keep', 'blur', 'delete']) this.bind($(`batch-${action}`), 'click', () => this.batch(action));
  this.bind($('unlikely-delete'), 'click', (e) => {
    e.preventDefault(); // a button in a summary would also fold or unfold the group
    this.batch('delete', this.model.unlikely().map((p) => p.id));
  });
  this.bind($('unlikely-group'), 'toggle', () => {
    this.model.unlikelyOpen = $('unlikely-group').open;
  });
  for (const id of ['people-sort', 'filter-score', 'filter-size']) this.bind($(id), 'change', () => this.setSorting());
  for (const kind of ['face', 'text']) this.bind($(`kind-${kind}`), 'click', () => this.setKind(kind));
  this.bind($('suggestions'), 'click', (e) => this.suggestionClicked(e));
  this.bind($('undo'), 'click', () => this.undo(false));
  this.bind($('redo'), 'click', () => this.undo(true));
  this.bind($('goto-frame'), 'keydown', (e) => this.gotoKey(e));
  this.bind($('zoom-in'), 'click', () => this.zoomBy(1.5));
  this.bind($('zoom-out'), 'click', () => this.zoomBy(1 / 1.5));
  this.bind($('zoom-reset'), 'click', () => this.setZoom(1, 0, 0));
  this.bindZoom();
  this.bind($('show-deleted'), 'change', (e) => {
    this.showDeleted = e.target.checked;
    this.loadPeople(true);
  });
  this.bind($('people-more-button'), 'click', () => this.loadMorePeople());
  this.bind(document, 'keydown', (e) => this.key(e));
  }

  // ---- keys

  key(e) {
    if (!this.loaded || $('review-grid').hidden || typingInto(e.target)) return;
    if (document.querySelector('dialog[open]')) return;
    const k = e.key;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (k === 'z' || k === 'Z' || k === 'y')) {
      e.preventDefault();
      this.undo(e.shiftKey || k === 'y');
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    let handled = true;
    if (k === ' ') this.togglePlay();
    else if (k === 'k' || k === 'K' || k === 'j' || k === 'J' || k === 'l' || k === 'L') this.shuttleKey(k.toLowerCase());
    else if (k === 'ArrowLeft' || k === ',' || k === '<') this.step(e.shiftKey || k === '<' ? -10 : -1);
    else if (k === 'ArrowRight' || k === '.' || k === '>') this.step(e.shiftKey || k === '>' ? 10 : 1);
    else if (k === 'Home') this.seek(0);
    else if (k === 'End') this.seek(this.micros.length - 1);
    else if (k === 'g' || k === 'G') $('goto-frame').focus();
    else if (k === 'i' || k === 'I') this.mark('in');
    else if (k === 'o' || k === 'O') this.mark('out');
    else if (k === 'd' || k === 'D') this.setDrawMode(!this.drawMode);
    else if (k === 'a' || k === 'A') this.setView(this.view === 'after' ? 'outline' : 'after');
    else if (k === 'm' || k === 'M') $('player').muted = !$('player').muted;
    else if (k === '+' || k === '=') this.zoomBy(1.5);
    else if (k === '-' || k === '_') this.zoomBy(1 / 1.5);
    else if (k === '0') this.setZoom(1, 0, 0);
    else if (k === 'Escape') {
      if (this.drawMode) this.setDrawMode(false);
      else this.select(null, null);
    } else handled = false;
    if (handled) e.preventDefault();
  }

  /**
   * J/K/L: forward at 1x, 2x, 4x with each L; backward likewise with J, stepping frames (a video element does
   * not play backward); K stops.
   */
  shuttleKey(key) {
    this.shuttleRate = shuttle(key === 'k' && !this.shuttleRate && !this.player.playing ? 1 : this.shuttleRate || 0, key);
    clearInterval(this.rewind);
    const video = this.player.video;
    if (this.shuttleRate > 0) {
      video.playbackRate = this.shuttleRate;
      if (!this.player.playing) this.togglePlay();
    } else {
      video.playbackRate = 1;
      if (this.player.playing) this.player.pause();
      if (this.shuttleRate < 0) {
        const frameMs = this.micros.length > 1 ? (this.micros[1] - this.micros[0]) / 1000 : 40;
        this.rewind = setInterval(() => {
          if (this.frame <= 0 || this.destroyed) {
            clearInterval(this.rewind);
            this.shuttleRate = 0;
          } else {
            this.step(-1);
          }
        }, Math.max(15, frameMs / -this.shuttleRate));
      }
    }
  }

  /** Enter in the go-to box: seeks to the frame or time typed. */
  gotoKey(e) {
    if (e.key === 'Escape') {
      e.target.value = '';
      e.target.blur();
      return;
    }
    if (e.key !== 'Enter') return;
    try {
      this.seek(parseFrameEntry(e.target.value, this.micros));
      e.target.value = '';
      e.target.blur();
    } catch (err) {
      this.notify.error(err.message);
    }
  }


}
