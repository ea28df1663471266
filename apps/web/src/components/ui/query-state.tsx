/** Shared loading, error and "not available yet" states, so every screen fails the same readable way. */
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api-client.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

export function ErrorState({ error, children }: { error: unknown; children?: ReactNode }) {
  if (error instanceof ApiError && error.status === 401) {
    return (
      <section className="page narrow empty-state">
        <h1>Sign in to see this page</h1>
        <p className="muted">This part of Backpath belongs to your account.</p>
        <Link to="/sign-in" className="button primary">
          Sign in
        </Link>
      </section>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <section className="page narrow empty-state">
        <h1>Not available yet</h1>
        <p className="muted">{error.message}</p>
        {children}
        <Link to="/">Back to the roadmap</Link>
      </section>
    );
  }
  return (
    <div className="alert error" role="alert">
      {error instanceof Error ? error.message : 'Something went wrong.'}
    </div>
  );
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div
      className="progress-bar"
      role="progressbar"
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <span style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
    </div>
  );
}

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}
