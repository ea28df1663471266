/**
 * A run's console output under one byte budget, so a print loop truncates instead of flooding. The
 * guest buffers its own lines (a host call per console.log is slow); the realm hands them over here.
 */

export const TRUNCATION_MARKER = '…[output truncated]';

/** Past this many times the budget, a run that keeps printing is stopped (`output_limit`). */
const RUNAWAY_FACTOR = 8;

export class OutputSink {
  readonly #limit: number;
  #used = 0;
  #segment: string[] = [];
  #truncated = false;
  #cutInSegment = false;
  #runaway = false;

  constructor(limitBytes: number) {
    this.#limit = Math.max(0, limitBytes);
  }

  /** Bytes a new realm may still buffer. */
  get remaining(): number {
    return this.#limit - this.#used;
  }

  /** Attempted output (per realm) beyond which the run is stopped. */
  get runawayAt(): number {
    return this.#limit * RUNAWAY_FACTOR + 1024;
  }

  /** Adds printed text; `cut` says the guest already dropped some of it. */
  append(text: string, cut = false): void {
    if (this.#truncated) return;
    const room = this.#limit - this.#used;
    const kept = text.length <= room ? text : text.slice(0, room);
    this.#segment.push(kept);
    this.#used += kept.length;
    if (cut || kept.length < text.length) {
      this.#truncated = true;
      this.#cutInSegment = true;
    }
  }

  write(line: string): void {
    this.append(`${line}\n`);
  }

  markRunaway(): void {
    this.#runaway = true;
  }

  /** True once the program has tried to print far more than allowed: the run should be stopped. */
  get runaway(): boolean {
    return this.#runaway;
  }

  /** Returns what was printed since the last call (one check's output), marked where it was cut. */
  takeSegment(): string {
    const text = this.#segment.join('') + (this.#cutInSegment ? TRUNCATION_MARKER : '');
    this.#segment = [];
    this.#cutInSegment = false;
    return text;
  }
}
