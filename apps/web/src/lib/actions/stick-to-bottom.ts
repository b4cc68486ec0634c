import type { Action } from 'svelte/action';

export interface StickToBottomOptions {
  /** Changing it scrolls to the bottom whatever the position (e.g. the user sent a message). */
  forceKey?: unknown;
}

const THRESHOLD = 48;

/**
 * Keeps a scroll container at the bottom while its content grows, but only if the user was already
 * there: scrolling up to read stops the following, scrolling back down resumes it.
 */
export const stickToBottom: Action<HTMLElement, StickToBottomOptions | undefined> = (node, options) => {
  let atBottom = true;
  let forceKey = options?.forceKey;
  const toBottom = () => {
    node.scrollTop = node.scrollHeight;
  };
  const onScroll = () => {
    atBottom = node.scrollHeight - node.scrollTop - node.clientHeight < THRESHOLD;
  };
  node.addEventListener('scroll', onScroll, { passive: true });
  const resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
    if (atBottom) toBottom();
  });
  const observeContent = () => {
    resizeObserver?.disconnect();
    for (const child of node.children) resizeObserver?.observe(child);
  };
  // No scroll now when observing: the observer reports the content's first size after the first
  // layout, and scrolling then costs no extra layout (scrolling now would force one mid-render).
  observeContent();
  if (!resizeObserver) toBottom();
  return {
    update(next) {
      observeContent();
      if (next?.forceKey !== forceKey) {
        forceKey = next?.forceKey;
        atBottom = true;
        toBottom();
      }
    },
    destroy() {
      node.removeEventListener('scroll', onScroll);
      resizeObserver?.disconnect();
    },
  };
};
