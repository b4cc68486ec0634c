import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from './router.svelte.ts';

function link(href: string, attributes: Record<string, string> = {}) {
  const anchor = document.createElement('a');
  anchor.href = href;
  for (const [name, value] of Object.entries(attributes)) anchor.setAttribute(name, value);
  document.body.append(anchor);
  return anchor;
}

describe('Router', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    window.history.replaceState(null, '', '/');
  });

  it('keeps the #fragment, and tells of a new route only when the path changes', () => {
    const onChange = vi.fn();
    const router = new Router({ onChange });
    router.navigate('/notes/abc123#watering');
    expect(window.location.pathname + window.location.hash).toBe('/notes/abc123#watering');
    expect(router.route).toEqual({ name: 'note', id: 'abc123' });
    expect(router.hash).toBe('#watering');
    expect(onChange).toHaveBeenCalledTimes(1);
    const visit = router.visit;
    router.navigate('/notes/abc123#pruning');
    expect(router.hash).toBe('#pruning');
    expect(onChange).toHaveBeenCalledTimes(1);
    // The same link again: no history entry, but a view may scroll to it again.
    router.navigate('/notes/abc123#pruning');
    expect(router.visit).toBe(visit + 2);
    router.destroy();
  });

  it('follows plain clicks on links the sanitizer marked in-app, and leaves the rest to the browser', () => {
    const router = new Router();
    const inApp = link('/notes/n1#beds', { 'data-in-app': '' });
    const chip = document.createElement('span');
    inApp.append(chip);
    document.addEventListener('click', router.handleInAppClick);
    chip.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    expect(router.path).toBe('/notes/n1');
    expect(router.hash).toBe('#beds');

    // Seen last, after the router: records what it did, then keeps jsdom from trying to navigate.
    const followed: boolean[] = [];
    const record = (event: MouseEvent) => {
      followed.push(event.defaultPrevented);
      event.preventDefault();
    };
    window.addEventListener('click', record);
    link('/notes/n2').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    inApp.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true }));
    expect(followed).toEqual([false, false]);
    expect(router.path).toBe('/notes/n1');
    window.removeEventListener('click', record);
    document.removeEventListener('click', router.handleInAppClick);
    router.destroy();
  });

  it('refuses to navigate to another origin', () => {
    const router = new Router();
    router.navigate('https://attacker.test/notes/x');
    expect(router.path).toBe('/');
    router.destroy();
  });
});
