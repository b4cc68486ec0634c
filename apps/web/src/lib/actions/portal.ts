import type { Action } from 'svelte/action';

/**
 * Moves the element to the end of `document.body` while it is shown (overlays such as the image
 * viewer). A message uses `content-visibility: auto`, whose containment would otherwise make the
 * message, not the window, the box a `position: fixed` overlay is placed in.
 */
export const portal: Action<HTMLElement> = (node) => {
  document.body.appendChild(node);
  return {
    destroy: () => node.remove(),
  };
};
