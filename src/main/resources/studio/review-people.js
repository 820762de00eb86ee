// The review's people side: selection, the people list's pages, merge, and the decisions sent to the studio.
// Methods of Review (see review.js).

import { el } from './util.js';
import { kindOf } from './state.js';

const $ = (id) => document.getElementById(id);
const PAGE = 100;
const ALL_PEOPLE = 2000;

export class PeoplePart {
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
      marked: this.model.selected,
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
        el('b', {}, p && p.label ? `${p.label} (#${this.selectedPerson})`
          : `${p && kindOf(p) === 'text' ? 'Text' : 'Person'} #${this.selectedPerson}`),
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
    // Sorting and filtering need every person: up to ALL_PEOPLE are listed at once, longer lists page by page.
    const want = Math.max(PAGE, this.people.length, this.peopleTotal <= ALL_PEOPLE ? this.peopleTotal : 0);
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
      decision === 'keep' ? `${kindOf(this.people.find((x) => x.id === person) || {}) === 'text' ? 'Text' : 'Person'}`
        + ` #${person} will stay visible in the export.` : null);
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

}
