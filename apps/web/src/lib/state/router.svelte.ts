/**
 * URL state without a framework: the path is the state, `history` keeps back/forward working.
 * Query parameters are never read: a link must not be able to send a prompt (Open WebUI's `?q=`).
 */
import { parseRoute, type Route } from './route.ts';

export interface RouterOptions {
  /** Called after every change of route (navigation, back/forward). */
  onChange?: (route: Route) => void;
  /** @default window */
  window?: Window;
}

export class Router {
  #path = $state('/');
  #window: Window;
  #onChange: ((route: Route) => void) | undefined;
  readonly route: Route = $derived(parseRoute(this.#path));

  constructor(options: RouterOptions = {}) {
    this.#window = options.window ?? window;
    this.#onChange = options.onChange;
    this.#path = this.#window.location.pathname;
    this.#window.addEventListener('popstate', this.#onPopState);
  }

  get path(): string {
    return this.#path;
  }

  /** Goes to `path` (same origin), adding a history entry unless `replace`. */
  navigate(path: string, options: { replace?: boolean } = {}) {
    if (path === this.#path) return;
    if (options.replace) this.#window.history.replaceState(null, '', path);
    else this.#window.history.pushState(null, '', path);
    this.#set(path);
  }

  /** Click handler for in-app links: plain clicks stay in the app, modified clicks open tabs. */
  handleLinkClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.currentTarget;
    if (!(anchor instanceof HTMLAnchorElement) || anchor.origin !== this.#window.location.origin) return;
    event.preventDefault();
    this.navigate(anchor.pathname);
  };

  destroy() {
    this.#window.removeEventListener('popstate', this.#onPopState);
  }

  #onPopState = () => this.#set(this.#window.location.pathname);

  #set(path: string) {
    this.#path = path;
    this.#onChange?.(parseRoute(path));
  }
}
