import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupKey, TwoFactorCard } from './two-factor-card.tsx';

let calls: { url: string; body: unknown }[];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url.endsWith('/setup')) {
        return Response.json({ secret: 'JBSWY3DPEHPK3PXPAB', otpauthUri: 'otpauth://totp/Backpath:ada?secret=X' });
      }
      if (url.endsWith('/enable')) return Response.json({ recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] });
      return new Response(null, { status: 204 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderCard = (enabled: boolean) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <TwoFactorCard enabled={enabled} />
    </QueryClientProvider>,
  );

describe('TwoFactorCard', () => {
  it('when off, offers only the set-up; the key is shown in blocks of four with the setup link', async () => {
    renderCard(false);
    expect(screen.queryByRole('button', { name: 'Turn off' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    expect((await screen.findByText('JBSW Y3DP EHPK 3PXP AB')).tagName).toBe('CODE');
    expect(screen.getByRole('link', { name: 'the setup link' }).getAttribute('href')).toContain('otpauth://');
    expect(screen.queryByRole('button', { name: 'Turn off' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Code from the app'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect((await screen.findByRole('status')).textContent).toContain('aaaa-bbbb');
    expect(calls.at(-1)).toEqual({ url: '/api/auth/two-factor/enable', body: { code: '123456' } });
  });

  it('when on, offers only turning it off, with a code or a recovery code', async () => {
    renderCard(true);
    expect(screen.queryByRole('button', { name: /Set up/ })).toBeNull();
    fireEvent.change(screen.getByLabelText(/To turn it off/), { target: { value: 'aaaa-bbbb' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await waitFor(() =>
      expect(calls).toEqual([{ url: '/api/auth/two-factor/disable', body: { recoveryCode: 'aaaa-bbbb' } }]),
    );
  });

  it('groups a key in blocks of four', () => {
    expect(groupKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
