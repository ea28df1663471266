import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoMailNote } from './no-mail-note.tsx';

function renderWith(info: { mailServer: boolean; firstAccount: boolean }, on: 'sign-up' | 'sign-in') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json(info)),
  );
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <NoMailNote on={on} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NoMailNote', () => {
  it('tells the first person signing up that they will be the admin and can sign in at once', async () => {
    renderWith({ mailServer: false, firstAccount: true }, 'sign-up');
    expect((await screen.findByRole('note')).textContent).toContain('You are the first account: you will be the admin');
  });

  it('points the sign-in page at creating the first account when none exists', async () => {
    renderWith({ mailServer: false, firstAccount: true }, 'sign-in');
    expect((await screen.findByRole('note')).textContent).toContain('Create the first one: it becomes the admin');
  });

  it('tells later people to ask the admin for their link', async () => {
    renderWith({ mailServer: false, firstAccount: false }, 'sign-up');
    expect((await screen.findByRole('note')).textContent).toContain('ask the admin for your confirmation link');
  });

  it('says nothing when the server sends mail', async () => {
    renderWith({ mailServer: true, firstAccount: true }, 'sign-up');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('note')).toBeNull();
  });
});
