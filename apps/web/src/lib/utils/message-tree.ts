/**
 * Messages form a tree through `parentId`; siblings (same parent, oldest first) are versions of one
 * turn. Pure functions: the chat state keeps one `MessageTree` per loaded conversation.
 */

export interface TreeMessage {
  id: string;
  parentId: string | null;
  createdAt: number;
}

export interface MessageTree<T extends TreeMessage> {
  readonly byId: ReadonlyMap<string, T>;
  /** Children of each message (`null`: the roots), oldest first. */
  readonly children: ReadonlyMap<string | null, readonly T[]>;
}

export interface VersionInfo {
  /** 0-based position among the siblings. */
  index: number;
  count: number;
  siblingIds: readonly string[];
}

export function buildTree<T extends TreeMessage>(messages: readonly T[]): MessageTree<T> {
  const byId = new Map<string, T>();
  const children = new Map<string | null, T[]>();
  for (const message of messages) byId.set(message.id, message);
  for (const message of messages) {
    // A parent that is not in the list would hide the message: treat it as a root instead.
    const parentId = message.parentId !== null && byId.has(message.parentId) ? message.parentId : null;
    const list = children.get(parentId);
    if (list) list.push(message);
    else children.set(parentId, [message]);
  }
  // Array.prototype.sort is stable: equal timestamps keep the server's order.
  for (const list of children.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  return { byId, children };
}

function parentKey<T extends TreeMessage>(tree: MessageTree<T>, message: T): string | null {
  return message.parentId !== null && tree.byId.has(message.parentId) ? message.parentId : null;
}

/** Follows the newest child at each step, from `fromId` (or the newest root) down to a leaf. */
export function newestLeaf<T extends TreeMessage>(tree: MessageTree<T>, fromId: string | null): string | null {
  let current: string | null = fromId ?? tree.children.get(null)?.at(-1)?.id ?? null;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const next = tree.children.get(current)?.at(-1);
    if (!next) return current;
    current = next.id;
  }
  return current;
}

/** The branch from the root to `leafId`; with no (known) leaf, the newest branch. */
export function pathToLeaf<T extends TreeMessage>(tree: MessageTree<T>, leafId: string | null): T[] {
  const start = leafId !== null && tree.byId.has(leafId) ? leafId : newestLeaf(tree, null);
  const path: T[] = [];
  const seen = new Set<string>();
  let current = start === null ? undefined : tree.byId.get(start);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    const parentId = parentKey(tree, current);
    current = parentId === null ? undefined : tree.byId.get(parentId);
  }
  return path.reverse();
}

/** The versions of the turn `id` belongs to (itself included), oldest first. */
export function siblingsOf<T extends TreeMessage>(tree: MessageTree<T>, id: string): readonly T[] {
  const message = tree.byId.get(id);
  if (!message) return [];
  return tree.children.get(parentKey(tree, message)) ?? [message];
}

export function versionInfo<T extends TreeMessage>(tree: MessageTree<T>, id: string): VersionInfo {
  const siblings = siblingsOf(tree, id);
  const index = siblings.findIndex((sibling) => sibling.id === id);
  if (index === -1) return { index: 0, count: 1, siblingIds: [id] };
  return { index, count: siblings.length, siblingIds: siblings.map((sibling) => sibling.id) };
}

/**
 * The leaf to show after moving `delta` versions from `id` (e.g. -1 for ‹, +1 for ›): the chosen
 * sibling, then the newest child at each step. Null when there is no such version.
 */
export function switchVersion<T extends TreeMessage>(tree: MessageTree<T>, id: string, delta: number): string | null {
  const siblings = siblingsOf(tree, id);
  const index = siblings.findIndex((sibling) => sibling.id === id);
  const target = index === -1 ? undefined : siblings[index + delta];
  return target ? newestLeaf(tree, target.id) : null;
}
