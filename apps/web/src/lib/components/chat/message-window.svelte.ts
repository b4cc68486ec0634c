/**
 * How many of the latest messages are rendered. A conversation opens with the last `initial`
 * messages (enough to fill a screen, so the first paint is quick however long the history is);
 * older ones are added `pageSize` at a time as the user scrolls up.
 */
export class MessageWindow {
  #count = $state(0);
  readonly pageSize: number;

  /**
   * @param initial messages shown when a conversation opens @default 10
   * @param pageSize messages added per step up @default 20
   */
  constructor(initial = 10, pageSize = 20) {
    this.pageSize = pageSize;
    this.#count = initial;
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
