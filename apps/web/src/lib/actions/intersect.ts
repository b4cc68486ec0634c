import type { Action } from 'svelte/action';

export interface IntersectOptions {
  onEnter: () => void;
  /** @default '200px' (start loading a little before the sentinel is visible) */
  rootMargin?: string;
}

/** Calls `onEnter` whenever the element scrolls into view (infinite lists, older messages). */
export const intersect: Action<HTMLElement, IntersectOptions> = (node, options) => {
  let current = options;
  if (typeof IntersectionObserver === 'undefined') return {};
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) current.onEnter();
    },
    { rootMargin: current.rootMargin ?? '200px' },
  );
  observer.observe(node);
  return {
    update: (next) => {
      current = next;
    },
    destroy: () => observer.disconnect(),
  };
};
