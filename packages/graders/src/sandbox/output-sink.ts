/** Captures a run's console output under one byte budget, so a print loop truncates instead of flooding. */

export const TRUNCATION_MARKER = '…[output truncated]';

/** Past this many times the budget, a run that keeps printing is stopped (`output_limit`). */
const RUNAWAY_FACTOR = 8;

export class OutputSink {
  readonly #limit: number;
  #used = 0;
  #attempted = 0;
  #segment: string[] = [];
  #truncated = false;
  #cutInSegment = false;

  constructor(limitBytes: number) {
    this.#limit = Math.max(0, limitBytes);
  }

  write(line: string): void {
    const text = `${line}\n`;
    this.#attempted += text.length;
    if (this.#truncated) return;
    const room = this.#limit - this.#used;
    if (text.length <= room) {
      this.#segment.push(text);
      this.#used += text.length;
      return;
    }
    this.#segment.push(text.slice(0, room));
    this.#used = this.#limit;
    this.#truncated = true;
    this.#cutInSegment = true;
  }

  /** True once the program has tried to print far more than allowed: the run should be stopped. */
  get runaway(): boolean {
    return this.#attempted > this.#limit * RUNAWAY_FACTOR + 1024;
  }

  /** Returns what was printed since the last call (one check's output), marked where it was cut. */
  takeSegment(): string {
    const text = this.#segment.join('') + (this.#cutInSegment ? TRUNCATION_MARKER : '');
    this.#segment = [];
    this.#cutInSegment = false;
    return text;
  }
}
