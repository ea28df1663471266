import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalExerciseSteps } from './local-exercise-steps.tsx';

afterEach(cleanup);

describe('LocalExerciseSteps', () => {
  it('gives the real CLI commands: verify, then verify --submit to record it', () => {
    const { container } = render(<LocalExerciseSteps exerciseId="git-branches" />);
    const commands = [...container.querySelectorAll('pre')].map((p) => p.textContent);
    expect(commands.filter((c) => c?.startsWith('backpath '))).toEqual([
      'backpath verify git-branches',
      'backpath verify git-branches --submit',
    ]);
    expect(container.querySelector('.cli-install summary')?.textContent).toBe('Install the backpath CLI');
    expect(container.textContent).not.toContain('exercise verify');
  });
});
