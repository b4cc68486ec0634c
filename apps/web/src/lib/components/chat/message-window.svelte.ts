/**
 * How many of the latest messages are rendered. Long conversations open with the last `pageSize`
 * messages; older ones are added a page at a time as the user scrolls up.
 */
export class MessageWindow {
  #count = $state(0);
  readonly pageSize: number;

  /** @param pageSize messages shown at first and added per step @default 30 */
  constructor(pageSize = 30) {
    this.pageSize = pageSize;
    this.#count = pageSize;
  }

  get count(): number {
    return this.#count;
  }

  /** The first index shown among `total` messages. */
  start(total: number): number {
    return Math.max(0, total - this.#count);
  }

  showMore() {
    this.#count += this.pageSize;
  }
}
