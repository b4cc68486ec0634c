/**
 * URL state without a framework: the path (and its `#fragment`) is the state, `history` keeps
 * back/forward working. Query parameters are never read: a link must not be able to send a prompt
 * (Open WebUI's `?q=`).
 */
import { parseRoute, type Route } from './route.ts';

export interface RouterOptions {
  /** Called after every change of route (navigation, back/forward); not for a new `#fragment` alone. */
  onChange?: (route: Route) => void;
  /** @default window */
  window?: Window;
}

/** A plain left click, without a modifier that asks for another tab or window. */
const isPlainClick = (event: MouseEvent) =>
  !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

export class Router {
  #path = $state('/');
  #hash = $state('');
  #visit = $state(0);
  #window: Window;
  #onChange: ((route: Route) => void) | undefined;
  readonly route: Route = $derived(parseRoute(this.#path));

  constructor(options: RouterOptions = {}) {
    this.#window = options.window ?? window;
    this.#onChange = options.onChange;
    this.#path = this.#window.location.pathname;
    this.#hash = this.#window.location.hash;
    this.#window.addEventListener('popstate', this.#onPopState);
  }

  get path(): string {
    return this.#path;
  }

  /** The `#fragment` of the address (with its `#`, as `location.hash`), '' without. */
  get hash(): string {
    return this.#hash;
  }

  /** Counts navigations, so a view can scroll to its `#fragment` again when the same link is followed twice. */
  get visit(): number {
    return this.#visit;
  }

  /** Goes to `target` (a same-origin path, with an optional `#fragment`), adding a history entry unless `replace`. */
  navigate(target: string, options: { replace?: boolean } = {}) {
    const url = new URL(target, this.#window.location.origin);
    if (url.origin !== this.#window.location.origin) return;
    const location = `${url.pathname}${url.hash}`;
    if (url.pathname === this.#path && url.hash === this.#hash) {
      this.#visit++;
      return;
    }
    if (options.replace) this.#window.history.replaceState(null, '', location);
    else this.#window.history.pushState(null, '', location);
    this.#set(url.pathname, url.hash);
  }

  /** Click handler for in-app links: plain clicks stay in the app, modified clicks open tabs. */
  handleLinkClick = (event: MouseEvent) => {
    const anchor = event.currentTarget;
    if (anchor instanceof HTMLAnchorElement) this.#follow(event, anchor);
  };

  /**
   * Document-wide click handler for links inside rendered HTML (citation chips, wikilinks), which
   * cannot carry Svelte handlers: only those the sanitizer marked `data-in-app` are followed here.
   */
  handleInAppClick = (event: MouseEvent) => {
    const target = event.target;
    const anchor = target instanceof Element ? target.closest('a[data-in-app]') : null;
    if (anchor instanceof HTMLAnchorElement) this.#follow(event, anchor);
  };

  destroy() {
    this.#window.removeEventListener('popstate', this.#onPopState);
  }

  #follow(event: MouseEvent, anchor: HTMLAnchorElement) {
    if (!isPlainClick(event) || anchor.origin !== this.#window.location.origin) return;
    event.preventDefault();
    this.navigate(`${anchor.pathname}${anchor.hash}`);
  }

  #onPopState = () => this.#set(this.#window.location.pathname, this.#window.location.hash);

  #set(path: string, hash: string) {
    const isNewPath = path !== this.#path;
    this.#path = path;
    this.#hash = hash;
    this.#visit++;
    if (isNewPath) this.#onChange?.(parseRoute(path));
  }
}
