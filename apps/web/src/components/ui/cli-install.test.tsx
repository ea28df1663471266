import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CliInstall } from './cli-install.tsx';

afterEach(cleanup);

describe('CliInstall', () => {
  it("gives this instance's download and login commands, and says which Node it needs", () => {
    const { container } = render(<CliInstall origin="https://learn.example.org" />);
    const commands = [...container.querySelectorAll('pre')].map((p) => p.textContent);
    expect(commands).toEqual([
      'curl -fsSLo backpath.mjs https://learn.example.org/downloads/backpath.mjs',
      'Invoke-WebRequest -Uri https://learn.example.org/downloads/backpath.mjs -OutFile backpath.mjs',
      'node backpath.mjs login --server https://learn.example.org',
    ]);
    expect(container.textContent).toContain('Node.js 22 or newer');
    expect(container.querySelector('summary')?.textContent).toBe('Install the backpath CLI');
    expect(container.querySelector('a[download]')?.getAttribute('href')).toBe('/downloads/backpath.mjs');
  });

  it("uses the page's own address by default, collapsed unless asked to open", () => {
    const { container } = render(<CliInstall />);
    expect(container.querySelector('pre')?.textContent).toBe(
      `curl -fsSLo backpath.mjs ${window.location.origin}/downloads/backpath.mjs`,
    );
    expect(container.querySelector('details')?.open).toBe(false);
    cleanup();
    const opened = render(<CliInstall origin="http://127.0.0.1:3000" open />);
    expect(opened.container.querySelector('details')?.open).toBe(true);
  });
});
