// The people list: one row per person (not per track), with their thumbnails, when they are on screen, the
// Blur / Keep visible decision, a label, a merge checkbox, and their tracks with the track actions. Rows are
// keyed by person and only rebuilt when that person changed, so refreshing after a decision neither jumps the
// scroll position nor takes the focus out of a label being typed.

import { el, formatTime } from './util.js';
import { kindOf } from './state.js';

const THUMBS_PER_PERSON = 3;

export class PeopleList {
  /**
   * @param root    the <ol id="people">
   * @param context {thumbUrl(file), timeOf(frame) seconds, frames, turn}
   * @param actions {select(person, track), seek(frame, person, track), decide(person, decision),
   *                label(person, text), mark(person, checked), track(action, track, person)}
   */
  constructor(root, context, actions) {
    this.root = root;
    this.context = context;
    this.actions = actions;
    this.rows = new Map(); // person id -> {li, signature}
    this.people = [];
    root.addEventListener('click', (e) => this.click(e));
    root.addEventListener('change', (e) => this.change(e));
    root.addEventListener('keydown', (e) => this.keydown(e));
  }

  byId(id) {
    return this.people.find((p) => p.id === id);
  }

  /** Shows `people` in order, rebuilding only rows whose person changed. */
  render(people, view) {
    this.people = people;
    this.view = view;
    const seen = new Set();
    let previous = null;
    for (const person of people) {
      seen.add(person.id);
      const signature = JSON.stringify([person, this.context.factsOf ? this.context.factsOf(person.id) : null]);
      let row = this.rows.get(person.id);
      if (!row || row.signature !== signature) {
        const li = this.row(person);
        if (row) {
          // A label being typed survives the refresh of its row.
          const typing = row.li.contains(document.activeElement) && document.activeElement.matches('.label-input');
          if (typing) {
            const input = li.querySelector('.label-input');
            input.value = document.activeElement.value;
            row.li.replaceWith(li);
            input.focus();
          } else {
            row.li.replaceWith(li);
          }
        }
        row = { li, signature };
        this.rows.set(person.id, row);
      }
      const expected = previous ? previous.nextSibling : this.root.firstChild;
      if (expected !== row.li) {
        if (previous) previous.after(row.li);
        else this.root.prepend(row.li);
      }
      previous = row.li;
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.li.remove();
        this.rows.delete(id);
      }
    }
    this.highlight(view);
  }

  /** Selection and merge checkboxes, without rebuilding rows. */
  highlight({ selectedPerson, selectedTrack, marked, following }) {
    for (const [id, { li }] of this.rows) {
      const selected = id === selectedPerson;
      if (li.classList.contains('selected') !== selected) {
        li.classList.toggle('selected', selected);
        li.setAttribute('aria-selected', String(selected));
      }
      const box = li.querySelector('.select-person');
      box.checked = marked.has(id);
      li.classList.toggle('marked', marked.has(id));
    }
    for (const t of this.root.querySelectorAll('.track.selected')) {
      if (Number(t.dataset.trackId) !== selectedTrack) t.classList.remove('selected');
    }
    const track = selectedTrack === null ? null : this.root.querySelector(`.track[data-track-id="${selectedTrack}"]`);
    if (track) track.classList.add('selected');
    this.updateFollowing(following, true);
  }

  /**
   * Following progress of drawn tracks ({track: fraction}, from the project's Status), touching only the
   * tracks that follow or just stopped: Status events come several times a second.
   */
  updateFollowing(following = {}, all = false) {
    const ids = new Set([...Object.keys(following), ...Object.keys(this.following || {})]);
    const badges = all ? [...this.root.querySelectorAll('.track')] : [...ids].map((id) =>
      this.root.querySelector(`.track[data-track-id="${id}"]`)).filter(Boolean);
    for (const t of badges) {
      const f = following[t.dataset.trackId];
      const badge = t.querySelector('.following-badge');
      const on = f !== undefined && f !== null;
      badge.hidden = !on;
      if (on) badge.textContent = `following ${Math.round(f * 100)}%`;
    }
    this.following = { ...following };
  }

  row(person) {
    const { timeOf, thumbUrl, frames } = this.context;
    const kept = person.decision === 'keep';
    const live = person.tracks.filter((t) => !t.deleted);
    // Text (a plate, a sign) is decided as a person is, and says so.
    const text = kindOf(person) === 'text';
    const what = text ? 'text' : 'person';
    const name = person.label ? `${person.label} (#${person.id})` : `${what} #${person.id}`;

    const thumbs = [];
    for (const t of person.tracks) {
      for (const th of t.thumbs) thumbs.push({ ...th, track: t.id, deleted: t.deleted });
    }
    thumbs.sort((a, b) => a.deleted - b.deleted || a.frame - b.frame);
    const shown = thumbs.slice(0, THUMBS_PER_PERSON);

    const onScreen = person.firstFrame >= 0
      ? `${formatTime(timeOf(person.firstFrame), true)} – ${formatTime(timeOf(person.lastFrame), true)}`
      : 'nowhere';
    // Frames on screen from the triage facts, where each frame counts once however many tracks cover it.
    const facts = this.context.factsOf ? this.context.factsOf(person.id) : null;
    // The studio counts a person's frames once however many of their tracks cover them.
    const frameCount = facts ? facts.frames : person.frames;

    const bar = el('div', { class: 'minibar', 'aria-hidden': 'true' });
    for (const t of live) {
      for (const [a, b] of t.spans) {
        bar.append(el('span', {
          style: `left:${(a / frames) * 100}%;width:${Math.max(0.4, ((b - a + 1) / frames) * 100)}%`,
        }));
      }
    }

    return el('li', {
      class: `person${text ? ' text' : ''}${kept ? ' kept' : ''}${person.deleted ? ' deleted' : ''}`,
      dataset: { personId: person.id },
      'aria-label': `${name}, ${kept ? 'kept visible' : 'blurred'}`,
    },
    el('div', { class: 'person-top' },
      el('input', {
        type: 'checkbox', class: 'select-person', 'aria-label': `Select ${name}`,
        title: 'Select for Keep, Blur, Delete or Merge (Shift-click: every person from the last one clicked)',
      }),
      el('span', { class: 'person-id', title: `Person number ${person.id}` }, `#${person.id}`),
      el('input', {
        type: 'text', class: 'label-input', value: person.label || '', maxlength: 200,
        placeholder: 'Add a label', 'aria-label': `Label of ${name}`, spellcheck: 'false',
        title: `A name for this ${what}, kept in the log and the report (Enter to save)`,
      }),
      el('div', { class: 'decision', role: 'group', 'aria-label': `Decision for ${name}` },
        el('button', {
          type: 'button', class: `blur${kept ? '' : ' active'}`, 'aria-pressed': String(!kept),
          title: `Blur: hide this ${what} in the export`,
        }, 'Blur'),
        el('button', {
          type: 'button', class: `keep${kept ? ' active' : ''}`, 'aria-pressed': String(kept),
          title: text ? 'Keep visible: this text stays readable in the export (a shop sign)'
            : 'Keep visible: this person stays recognisable in the export',
        }, 'Keep visible'))),
    kept ? el('div', { class: 'kept-banner' },
      `Visible in the export: this ${text ? 'text' : 'face'} will NOT be hidden`) : null,
    person.deleted ? el('div', { class: 'deleted-banner' }, 'Deleted: hides nothing. Restore a track to hide it again.') : null,
    el('div', { class: 'person-body' },
      el('div', { class: 'thumbs' },
        shown.map((th) => el('img', {
          class: `thumb${th.deleted ? ' deleted' : ''}`, src: thumbUrl(th.file), loading: 'lazy', decoding: 'async',
          alt: `${name} on frame ${th.frame}`, title: `Go to frame ${th.frame}`, width: text ? 88 : 44, height: 44,
          dataset: { frame: th.frame, track: th.track }, style: this.context.thumbStyle,
        })),
        thumbs.length > shown.length ? el('span', { class: 'more-thumbs' }, `+${thumbs.length - shown.length}`) : null,
        shown.length === 0 ? el('span', { class: 'no-thumbs muted' }, 'no picture yet') : null),
      el('div', { class: 'person-facts' },
        el('div', { class: 'person-when mono' }, onScreen),
        el('div', { class: 'person-when muted' },
          `${frameCount} frame${frameCount === 1 ? '' : 's'} · ${live.length} track${live.length === 1 ? '' : 's'}`),
        facts ? el('div', { class: 'facts muted mono', title: 'Best detector score and median face height' },
          `score ${facts.score.toFixed(2)} · ${Math.round(facts.size)} px`) : null,
        bar)),
    el('ul', { class: 'tracks' }, person.tracks.map((t) => this.trackRow(t, person))));
  }

  trackRow(t, person) {
    const { timeOf } = this.context;
    const [a, b] = t.spans.length ? [t.spans[0][0], t.spans[t.spans.length - 1][1]] : t.sightings;
    const badges = [];
    if (t.kind === 'drawn') badges.push(el('span', { class: 'tag drawn', title: 'Drawn by a reviewer' }, 'drawn'));
    if (t.corrected) badges.push(el('span', { class: 'tag', title: 'Its box was corrected by a reviewer' }, 'corrected'));
    if (t.deleted) badges.push(el('span', { class: 'tag deleted', title: 'Deleted: hides nothing' }, 'deleted'));
    const only = person.tracks.length < 2;
    return el('li', { class: `track${t.deleted ? ' deleted' : ''}`, dataset: { trackId: t.id } },
      el('button', {
        type: 'button', class: 'track-go', title: `Select track ${t.id} and go to its first frame (${a})`,
      },
      el('span', { class: 'track-name' }, `Track ${t.id}`),
      el('span', { class: 'mono muted', title: `${formatTime(timeOf(a))} – ${formatTime(timeOf(b))}` }, ` ${a}–${b}`)),
      ...badges,
      el('span', { class: 'tag following-badge', hidden: t.following === null || t.following === undefined },
        t.following !== null && t.following !== undefined ? `following ${Math.round(t.following * 100)}%` : ''),
      el('span', { class: 'track-actions' },
        el('button', {
          type: 'button', class: 'mini split-track', title: 'Split at the current frame: from it on, a new person',
        }, 'Split'),
        el('button', {
          type: 'button', class: 'mini delete-frames', title: 'Hide nothing on the marked frames (Mark in / Mark out)',
        }, 'Cut range'),
        el('button', {
          type: 'button', class: 'mini separate-track', disabled: only,
          title: only ? 'Already the only track of this person' : 'Make this track a person of its own',
        }, 'Separate'),
        el('button', {
          type: 'button', class: 'mini danger delete-track', hidden: t.deleted,
          title: 'Delete: not a face, hide nothing for this track',
        }, 'Delete'),
        el('button', {
          type: 'button', class: 'mini restore-track', hidden: !t.deleted,
          title: 'Restore: hide this track again',
        }, 'Restore')));
  }

  personOf(node) {
    const li = node.closest('.person');
    return li ? Number(li.dataset.personId) : null;
  }

  click(e) {
    const target = e.target;
    const person = this.personOf(target);
    if (person === null) return;
    const trackLi = target.closest('.track');
    const track = trackLi ? Number(trackLi.dataset.trackId) : null;
    const button = target.closest('button');
    if (target.matches('.select-person')) {
      // Shift-click selects the run from the last person clicked (the click, unlike change, knows Shift).
      this.actions.mark(person, e.shiftKey);
      return;
    }
    if (target.matches('img.thumb')) {
      this.actions.seek(Number(target.dataset.frame), person, Number(target.dataset.track));
      return;
    }
    if (button) {
      if (button.classList.contains('blur')) this.actions.decide(person, 'blur');
      else if (button.classList.contains('keep')) this.actions.decide(person, 'keep');
      else if (button.classList.contains('track-go')) {
        const t = this.byId(person)?.tracks.find((x) => x.id === track);
        const first = t && t.spans.length ? t.spans[0][0] : t ? t.sightings[0] : null;
        if (first !== null) this.actions.seek(first, person, track);
      } else if (button.classList.contains('split-track')) this.actions.track('split', track, person);
      else if (button.classList.contains('delete-frames')) this.actions.track('delete-frames', track, person);
      else if (button.classList.contains('separate-track')) this.actions.track('separate', track, person);
      else if (button.classList.contains('delete-track')) this.actions.track('delete', track, person);
      else if (button.classList.contains('restore-track')) this.actions.track('restore', track, person);
      return;
    }
    if (target.matches('input, label')) return;
    this.actions.select(person, track);
  }

  change(e) {
    const person = this.personOf(e.target);
    if (person === null) return;
    if (e.target.matches('.label-input')) {
      const p = this.byId(person);
      const text = e.target.value.trim();
      if (p && (p.label || '') !== text) this.actions.label(person, text || null);
    }
  }

  keydown(e) {
    if (!e.target.matches('.label-input')) return;
    if (e.key === 'Enter') e.target.blur();
    if (e.key === 'Escape') {
      const p = this.byId(this.personOf(e.target));
      e.target.value = p?.label || '';
      e.target.blur();
    }
  }

  /** Scrolls a person's row into view (when it is on a page already listed). */
  reveal(person) {
    const row = this.rows.get(person);
    // At once, not animated: a list still gliding moves rows under the pointer of a quick click.
    if (row) row.li.scrollIntoView({ block: 'nearest' });
  }
}
