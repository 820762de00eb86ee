// The review's triage: the people list sorted and filtered (state.js), the "probably not faces" folded apart,
// many people selected and decided on in one action, merge suggestions taken with one click, and Undo/Redo.
// Methods of Review (see review.js).

import { el } from './util.js';
import { undoLabels } from './state.js';

const $ = (id) => document.getElementById(id);
const BATCH_DONE = {
  keep: (n) => `${n} people will stay visible in the export.`,
  blur: (n) => `${n} people will be blurred.`,
  delete: (n) => `${n} people deleted: they hide nothing now (Undo takes it back).`,
};

export class TriagePart {
  /** The triage facts and what Undo/Redo would do, fetched with every revision. */
  async refreshTriage() {
    const [triage, history] = await Promise.all([this.api.triage(), this.api.history()]);
    this.model.setTriage(triage);
    this.history = history;
    this.renderHistory();
  }

  renderHistory() {
    const l = undoLabels(this.history);
    for (const [id, can, text, key] of [['undo', l.canUndo, l.undo, 'Ctrl+Z'], ['redo', l.canRedo, l.redo, 'Ctrl+Shift+Z']]) {
      $(id).disabled = !can;
      $(id).title = `${text} (${key})`;
    }
  }

  async undo(redo = false) {
    if (!this.history || !(redo ? this.history.redo : this.history.undo)) return;
    const action = redo ? this.history.redo : this.history.undo;
    await this.act(redo ? this.api.redo() : this.api.undo(), `${redo ? 'Redone' : 'Undone'}: ${action}.`);
  }

  renderPeople() {
    const m = this.model;
    m.setPeople(this.people);
    const shown = this.showDeleted ? this.people : m.shown();
    const unlikely = this.showDeleted ? [] : m.unlikely();
    this.peopleList.render(shown, this.highlightState());
    this.unlikelyList.render(unlikely, this.highlightState());
    $('unlikely-group').hidden = unlikely.length === 0;
    $('unlikely-title').textContent = `Probably not faces (${unlikely.length}): weak and brief`;
    if (!this.showDeleted) {
      this.timeline.setPeople(this.people, this.people.length >= this.peopleTotal);
      this.timeline.setLanes(shown, this.selectedPerson);
    }
    const sel = this.people.find((x) => x.id === this.selectedPerson);
    if (sel) this.timeline.setSelected(sel);
    const kept = this.people.filter((p) => p.decision === 'keep').length;
    const counts = m.counts();
    const text = m.kind === 'text';
    $('people-kinds').hidden = this.showDeleted || counts.text === 0;
    for (const [kind, label] of [['face', 'People'], ['text', 'Text']]) {
      const tab = $(`kind-${kind}`);
      tab.textContent = `${label} (${counts[kind]})`;
      tab.classList.toggle('active', m.kind === kind);
      tab.setAttribute('aria-selected', String(m.kind === kind));
    }
    $('people-title').textContent = text && !this.showDeleted ? 'Text' : 'People';
    $('people-count').textContent = this.showDeleted ? `${this.peopleTotal} deleted` : `${this.peopleTotal}`;
    const hiddenByFilter = this.people.length - shown.length - unlikely.length;
    $('people-summary').textContent = this.people.length < this.peopleTotal
      ? `showing ${this.people.length} of ${this.peopleTotal}`
      : this.showDeleted ? '' : (kept ? `${kept} kept, ${this.people.length - kept} blurred` : 'all blurred')
        + (hiddenByFilter ? ` · ${hiddenByFilter} filtered out` : '');
    $('people-more').hidden = this.people.length >= this.peopleTotal;
    if (!shown.length) {
      $('people').replaceChildren(el('li', { class: 'empty' }, this.showDeleted ? 'No deleted people.'
        : text ? 'No text passes the filters.'
          : this.people.length ? 'No one passes the filters.' : 'No faces found. Use Draw box to hide any the detector missed.'));
      this.peopleList.rows.clear();
    } else {
      const empty = $('people').querySelector('.empty');
      if (empty) empty.remove();
    }
    this.renderSuggestions();
    this.updateMergeButton();
    this.renderSelection();
  }

  /** A checkbox clicked: toggles the person, or with Shift selects the run from the last one clicked. */
  markForMerge(person, shift) {
    this.model.click(person, { shift });
    this.selectionChanged();
  }

  selectionChanged() {
    this.updateMergeButton();
    this.peopleList.highlight(this.highlightState());
    this.unlikelyList.highlight(this.highlightState());
  }

  updateMergeButton() {
    const n = this.model.selected.size;
    $('merge-selected').disabled = n < 2;
    $('merge-selected').textContent = n >= 2 ? `Merge ${n}` : 'Merge';
    for (const id of ['batch-keep', 'batch-blur', 'batch-delete']) $(id).disabled = n === 0;
    $('selected-count').textContent = n ? `${n} selected:` : '';
    $('clear-selection').hidden = n === 0;
  }

  async merge() {
    // The first listed is the one the others become; a merged person is blurred unless all were kept.
    const ids = this.model.selectedIds();
    if (ids.length < 2) return;
    await this.mergePeople(ids);
    this.model.clearSelection();
    this.selectionChanged();
  }

  async mergePeople(ids) {
    const anyBlur = ids.some((id) => this.people.find((p) => p.id === id)?.decision !== 'keep');
    await this.act(this.api.merge(ids), `${ids.map((i) => `#${i}`).join(', ')} are now person #${ids[0]}`
      + (anyBlur ? ', blurred.' : ', kept visible (all of them were).'));
    this.select(ids[0], null);
  }

  /** Keep, blur or delete every selected person (or `ids`): one request, one revision, one undo step. */
  async batch(action, ids = this.model.selectedIds()) {
    if (!ids.length) return;
    await this.act(this.api.batch(action, ids), BATCH_DONE[action](ids.length));
    for (const id of ids) this.model.selected.delete(id);
    this.selectionChanged();
  }

  selectAllShown() {
    this.model.selectAllShown();
    this.selectionChanged();
  }

  /** Lists the people or the text found. */
  setKind(kind) {
    this.model.setKind(kind);
    this.selectionChanged();
    this.renderPeople();
  }

  setSorting() {
    this.model.sort = $('people-sort').value;
    this.model.minScore = Number($('filter-score').value);
    this.model.minSize = Number($('filter-size').value);
    this.renderPeople();
  }

  renderSuggestions() {
    const list = this.showDeleted ? [] : this.model.openSuggestions().slice(0, 20);
    const root = $('suggestions');
    root.hidden = list.length === 0;
    root.replaceChildren(...list.map((s) => el('li', { class: 'suggestion', dataset: { people: s.people.join('-') } },
      el('b', {}, s.people.map((id) => `#${id}`).join(' + ')),
      el('span', { class: 'why', title: s.reason }, `same person? ${s.reason}`),
      el('button', { type: 'button', class: 'mini accept-suggestion', title: 'Merge them into one person' }, 'Merge'),
      el('button', { type: 'button', class: 'mini dismiss-suggestion', title: 'Not the same person' }, '×'))));
  }

  suggestionClicked(e) {
    const li = e.target.closest('.suggestion');
    const s = li && this.model.openSuggestions().find((x) => x.people.join('-') === li.dataset.people);
    if (!s) return;
    if (e.target.closest('.accept-suggestion')) this.mergePeople(s.people);
    else if (e.target.closest('.dismiss-suggestion')) {
      this.model.dismiss(s);
      this.renderSuggestions();
    }
  }
}
