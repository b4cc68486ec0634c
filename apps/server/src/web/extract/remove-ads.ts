import type { DomDocument } from './dom-types.ts';

// Readability drops most boilerplate by position and score, but an ad slot inside the article body
// survives it unless its class says "ad" in one of these common ways.
const AD_SELECTOR = [
  '[aria-label="Advertisement" i]',
  '[data-ad]',
  '[data-ad-slot]',
  'ins.adsbygoogle',
  ...['ad', 'ads', 'advert', 'advertisement', 'ad-slot', 'ad-container', 'ad-wrapper', 'sponsored', 'sponsored-content', 'promo'].flatMap(
    (token) => [`[class~="${token}"]`, `[id="${token}"]`],
  ),
].join(',');

/** Removes ad slots the page labels as such. */
export function removeAds(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll(AD_SELECTOR))) element.remove();
}
