/**
 * The slots of a question's few term ids, in a table small enough to stay in the CPU cache while
 * every term of every candidate passage is looked up in it (an array over the whole vocabulary
 * would miss the cache on nearly every look-up of a large index).
 */
export class TermSlots {
  private readonly keys: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(termIds: readonly number[]) {
    let size = 16;
    while (size < termIds.length * 2) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    termIds.forEach((termId, slot) => {
      let at = this.home(termId);
      while (this.keys[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = termId;
      this.slots[at] = slot;
    });
  }

  /** The term's slot, or -1 when it is not one of the question's. */
  slot(termId: number): number {
    for (let at = this.home(termId); ; at = (at + 1) & this.mask) {
      const key = this.keys[at] as number;
      if (key === termId) return this.slots[at] as number;
      if (key === -1) return -1;
    }
  }

  private home(termId: number): number {
    return Math.imul(termId, 0x9e3779b1) >>> 0 & this.mask;
  }
}
