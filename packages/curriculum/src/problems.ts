/** A content problem tied to a file and line, printed as `file:line: message` by the content check. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export class ProblemList {
  readonly items: Problem[] = [];

  add(file: string, line: number, message: string): void {
    this.items.push({ file, line, message });
  }

  get size(): number {
    return this.items.length;
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}
