// The review page's state model, under node's own test runner: node --test src/test/js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PeopleModel, kindOf, undoLabels, frameAtSeconds, parseFrameEntry, shuttle, laneOrder,
} from '../../main/resources/studio/state.js';

const person = (id, firstFrame, extra = {}) => ({ id, firstFrame, decision: 'blur', deleted: false, tracks: [], ...extra });
const fact = (id, score, size, frames, unlikely = false) => ({ person: id, score, size, frames, firstFrame: 0, unlikely });

function model() {
  const m = new PeopleModel();
  m.setPeople([person(1, 0), person(2, 10), person(3, 20), person(4, 30), person(5, 40)]);
  m.setTriage({
    people: [fact(1, 0.9, 80, 50), fact(2, 0.3, 30, 5, true), fact(3, 0.8, 120, 20), fact(4, 0.95, 40, 90),
      fact(5, 0.4, 20, 3, true)],
    suggestions: [{ people: [1, 3], likeness: 0.9, reason: 'r' }, { people: [4, 9], likeness: 0.8, reason: 'gone' }],
  });
  return m;
}

const ids = (list) => list.map((p) => p.id);

test('the probably-not-faces are folded apart from the list', () => {
  const m = model();
  assert.deepEqual(ids(m.shown()), [1, 3, 4]);
  assert.deepEqual(ids(m.unlikely()), [2, 5]);
  assert.deepEqual(ids(m.order()), [1, 3, 4]);
  m.unlikelyOpen = true;
  assert.deepEqual(ids(m.order()), [1, 3, 4, 2, 5]);
});

test('a kept or deleted weak person is not hidden in the group', () => {
  const m = model();
  m.setPeople([person(1, 0), person(2, 10, { decision: 'keep' }), person(5, 40, { deleted: true })]);
  assert.deepEqual(ids(m.unlikely()), []);
  assert.deepEqual(ids(m.shown()), [1, 2, 5]);
});

test('sorting by score, size and time on screen puts the largest first; first appearance the earliest', () => {
  const m = model();
  m.sort = 'score';
  assert.deepEqual(ids(m.shown()), [4, 1, 3]);
  m.sort = 'size';
  assert.deepEqual(ids(m.shown()), [3, 1, 4]);
  m.sort = 'time';
  assert.deepEqual(ids(m.shown()), [4, 1, 3]);
  m.sort = 'first';
  assert.deepEqual(ids(m.shown()), [1, 3, 4]);
});

test('filters by score and face size', () => {
  const m = model();
  m.minScore = 0.85;
  assert.deepEqual(ids(m.shown()), [1, 4]);
  m.minSize = 50;
  assert.deepEqual(ids(m.shown()), [1]);
});

test('shift-click selects the run between the last click and this one, as listed', () => {
  const m = model();
  m.sort = 'score'; // 4, 1, 3
  m.click(4);
  m.click(3, { shift: true });
  assert.deepEqual(m.selectedIds(), [4, 1, 3]);
  m.click(1); // plain click toggles one
  assert.deepEqual(m.selectedIds(), [4, 3]);
  m.clearSelection();
  m.selectAllShown();
  assert.deepEqual(m.selectedIds(), [4, 1, 3]);
});

test('people who left the list leave the selection', () => {
  const m = model();
  m.selectAllShown();
  m.setPeople([person(1, 0), person(4, 30)]);
  assert.deepEqual(m.selectedIds(), [1, 4]);
});

test('suggestions show only while both people are there and not turned down', () => {
  const m = model();
  assert.deepEqual(m.openSuggestions().map((s) => s.people), [[1, 3]]);
  m.dismiss(m.openSuggestions()[0]);
  assert.deepEqual(m.openSuggestions(), []);
});

test('undo and redo buttons say what they would do', () => {
  assert.deepEqual(undoLabels({ undo: 'keep visible', redo: null }),
    { undo: 'Undo keep visible', redo: 'Nothing to redo', canUndo: true, canRedo: false });
  assert.equal(undoLabels(null).canUndo, false);
});

test('a typed frame: number, seconds or time', () => {
  const micros = Array.from({ length: 100 }, (_, i) => i * 40000); // 25 fps
  assert.equal(parseFrameEntry('42', micros), 42);
  assert.equal(parseFrameEntry('2s', micros), 50);
  assert.equal(parseFrameEntry('0:01.5', micros), 37);
  assert.equal(parseFrameEntry('0:00:03', micros), 75);
  assert.equal(frameAtSeconds(micros, 100), 99);
  assert.throws(() => parseFrameEntry('120', micros), /no frame 120: the video has frames 0 to 99/);
  assert.throws(() => parseFrameEntry('soon', micros), /not a frame/);
});

test('J/K/L shuttle: faster with each press, K stops', () => {
  assert.equal(shuttle(0, 'l'), 1);
  assert.equal(shuttle(1, 'l'), 2);
  assert.equal(shuttle(4, 'l'), 4);
  assert.equal(shuttle(2, 'j'), -1);
  assert.equal(shuttle(-1, 'j'), -2);
  assert.equal(shuttle(-2, 'k'), 0);
});

test('timeline lanes keep list order; a selected person further down takes the last lane', () => {
  const shown = [1, 2, 3, 4].map((id) => person(id, id));
  assert.deepEqual(ids(laneOrder(shown, 2, 3)), [1, 2, 3]);
  assert.deepEqual(ids(laneOrder(shown, 4, 3)), [1, 2, 4]);
});

test('text is listed apart from the people, and never folded away as "probably not a face"', () => {
  const m = model();
  m.setPeople([person(1, 0), person(2, 10), person(6, 5, { kind: 'text' }), person(7, 1, { kind: 'text' }),
    person(3, 20, { kind: 'face' })]);
  m.setTriage({ people: [fact(1, 0.9, 80, 50), fact(2, 0.3, 30, 5, true), fact(7, 0.2, 20, 5, true)], suggestions: [] });
  assert.deepEqual(m.counts(), { face: 3, text: 2 });
  assert.deepEqual(ids(m.shown()), [1, 3]);
  assert.deepEqual(ids(m.unlikely()), [2]);
  m.click(1);
  m.setKind('text');
  assert.deepEqual(ids(m.shown()), [7, 6], 'the weak plate is listed, in order of appearance');
  assert.deepEqual(ids(m.unlikely()), []);
  assert.deepEqual(m.selectedIds(), [], 'a face selected before is not acted on unseen');
  m.selectAllShown();
  assert.deepEqual(m.selectedIds(), [7, 6]);
});

test('a project from before text is all faces, and the list falls back to people when no text is left', () => {
  assert.equal(kindOf({ id: 1 }), 'face');
  assert.equal(kindOf({ id: 1, kind: 'text' }), 'text');
  const m = new PeopleModel();
  m.setPeople([person(1, 0, { kind: 'text' })]);
  m.setKind('text');
  assert.deepEqual(ids(m.shown()), [1]);
  m.setPeople([person(2, 0)]);
  assert.equal(m.kind, 'face');
  assert.deepEqual(ids(m.shown()), [2]);
});
