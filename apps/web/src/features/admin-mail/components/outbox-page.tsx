/**
 * Admin → Outbox: every mail the server wrote, read from the server's own database. On a server
 * without a mail server this is where the admin finds the confirmation and reset links to hand
 * on (ADR 011); with one, it shows what was sent and what failed.
 */
import { type FormEvent, useState } from 'react';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { type OutboxMessage, useOutbox } from '../api/use-outbox.ts';
import './outbox.css';

const LINK = /(https?:\/\/\S+#token=\S+)/;

function state(m: OutboxMessage): string {
  if (m.transport === 'outbox') return 'Not emailed (no mail server)';
  if (m.sentAt) return `Sent ${new Date(m.sentAt).toLocaleString()}`;
  return m.error ? `Not sent: ${m.error}` : 'Waiting for the mail server';
}

function Message({ m }: { m: OutboxMessage }) {
  const link = LINK.exec(m.body)?.[1];
  return (
    <li className="card outbox-message">
      <h2>{m.subject}</h2>
      <p className="small">
        To <strong>{m.to}</strong> · {new Date(m.createdAt).toLocaleString()} · {state(m)}
      </p>
      {link && (
        <p>
          <a href={link}>Link in this mail</a> <span className="muted small">(pass it on to {m.to})</span>
        </p>
      )}
      <details>
        <summary>Whole message</summary>
        <pre>{m.body}</pre>
      </details>
    </li>
  );
}

export function OutboxPage() {
  const [to, setTo] = useState('');
  const outbox = useOutbox(to);
  const filter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTo(String(new FormData(e.currentTarget).get('to') ?? '').trim());
  };
  if (outbox.error instanceof ApiError && outbox.error.status === 403) {
    return (
      <section className="page narrow empty-state">
        <h1>For admins only</h1>
        <p className="muted">The outbox holds other people's sign-in links, so only an admin can read it.</p>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>Outbox</h1>
      {outbox.data && !outbox.data.mailServer && (
        <p className="alert small" role="note">
          This Backpath has no mail server, so nothing here was emailed. Give each person the link in their mail:
          confirmation links let new accounts sign in, reset links let people choose a new password.
        </p>
      )}
      <form className="outbox-filter" onSubmit={filter} aria-label="Filter by recipient">
        <label htmlFor="outbox-to">Recipient</label>
        <input id="outbox-to" name="to" type="email" placeholder="name@example.com" defaultValue={to} />
        <button type="submit" className="button">
          Show
        </button>
      </form>
      {outbox.isPending ? (
        <Loading />
      ) : outbox.error ? (
        <ErrorState error={outbox.error} />
      ) : outbox.data.messages.length === 0 ? (
        <p className="muted">{to ? `No mail to ${to}.` : 'No mail yet.'}</p>
      ) : (
        <ul className="outbox-list">
          {outbox.data.messages.map((m) => (
            <Message key={m.id} m={m} />
          ))}
        </ul>
      )}
    </section>
  );
}
