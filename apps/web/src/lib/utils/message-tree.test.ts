import { describe, expect, it } from 'vitest';
import { buildTree, newestLeaf, pathToLeaf, siblingsOf, switchVersion, versionInfo } from './message-tree.ts';

const m = (id: string, parentId: string | null, createdAt: number) => ({ id, parentId, createdAt });

// u1 ─ a1 ─ u2 ─ a2
//    ├ a1b ─ u3 ─ a3
//    └ a1c
// u1' (an edited first question) ─ a4
const messages = [
  m('u1', null, 1),
  m('a1', 'u1', 2),
  m('u2', 'a1', 3),
  m('a2', 'u2', 4),
  m('a1b', 'u1', 5),
  m('u3', 'a1b', 6),
  m('a3', 'u3', 7),
  m('a1c', 'u1', 8),
  m('u1x', null, 9),
  m('a4', 'u1x', 10),
];
const tree = buildTree(messages);
const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

describe('message tree', () => {
  it('returns the path from the root to the active leaf', () => {
    expect(ids(pathToLeaf(tree, 'a3'))).toEqual(['u1', 'a1b', 'u3', 'a3']);
    expect(ids(pathToLeaf(tree, 'a2'))).toEqual(['u1', 'a1', 'u2', 'a2']);
  });

  it('shows the newest branch when the active leaf is unknown or missing', () => {
    expect(ids(pathToLeaf(tree, null))).toEqual(['u1x', 'a4']);
    expect(ids(pathToLeaf(tree, 'gone'))).toEqual(['u1x', 'a4']);
  });

  it('orders siblings oldest first and reports the version index', () => {
    expect(ids(siblingsOf(tree, 'a1b'))).toEqual(['a1', 'a1b', 'a1c']);
    expect(versionInfo(tree, 'a1b')).toEqual({ index: 1, count: 3, siblingIds: ['a1', 'a1b', 'a1c'] });
    expect(versionInfo(tree, 'u2').count).toBe(1);
  });

  it('treats several first questions as versions of the first turn', () => {
    expect(versionInfo(tree, 'u1x')).toMatchObject({ index: 1, count: 2 });
  });

  it('switching versions picks the chosen sibling, then the newest child at each step', () => {
    expect(switchVersion(tree, 'a1', 1)).toBe('a3');
    expect(switchVersion(tree, 'a1b', -1)).toBe('a2');
    expect(switchVersion(tree, 'a1b', 1)).toBe('a1c');
    expect(switchVersion(tree, 'u1x', -1)).toBe('a1c');
  });

  it('returns null when there is no version in that direction', () => {
    expect(switchVersion(tree, 'a1', -1)).toBeNull();
    expect(switchVersion(tree, 'a1c', 1)).toBeNull();
    expect(switchVersion(tree, 'missing', 1)).toBeNull();
  });

  it('follows the newest child down from any message', () => {
    expect(newestLeaf(tree, 'u1')).toBe('a1c');
    expect(newestLeaf(tree, 'a1')).toBe('a2');
  });

  it('keeps a message whose parent is missing reachable as a root', () => {
    const orphaned = buildTree([m('x', null, 1), m('y', 'nope', 2)]);
    expect(ids(pathToLeaf(orphaned, 'y'))).toEqual(['y']);
    expect(versionInfo(orphaned, 'y')).toMatchObject({ index: 1, count: 2 });
  });

  it('stops on a parent cycle instead of looping forever', () => {
    const cyclic = buildTree([m('p', 'q', 1), m('q', 'p', 2)]);
    expect(pathToLeaf(cyclic, 'p').length).toBeLessThanOrEqual(2);
  });
});
