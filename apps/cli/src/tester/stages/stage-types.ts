/** The shape of one capstone stage: its number, stable id (as in project.yaml), title and checks. */
import type { StageContext } from '../context.ts';

export interface Stage {
  number: number;
  id: string;
  title: string;
  run(ctx: StageContext): Promise<void>;
}
