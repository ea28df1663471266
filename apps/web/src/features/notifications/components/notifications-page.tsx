/**
 * /notifications: the learner's notifications, newest first. Opening one marks it read; each unread
 * one also has its own "Mark as read" button, and "Mark all as read" clears the lot. Below the
 * list, which kinds to receive.
 */
import { useNavigate } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import { ErrorState, Loading } from '../../../components/ui/query-state.tsx';
import { type Notification, useMarkAllRead, useMarkRead, useNotifications } from '../api/use-notifications.ts';
import { NotificationPreferences } from './notification-preferences.tsx';
import './notifications.css';

function Item({ n, onOpen, onRead }: { n: Notification; onOpen: () => void; onRead: () => void }) {
  const unread = n.readAt === null;
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window keeps the browser's own handling; the page still marks it read.
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) {
      if (unread) onRead();
      return;
    }
    e.preventDefault();
    onOpen();
  };
  return (
    <li className={`card notification${unread ? ' unread' : ''}`}>
      <h2>
        {unread && <span className="visually-hidden">Unread: </span>}
        <a href={n.link} onClick={open}>
          {n.title}
        </a>
      </h2>
      {n.body && <p>{n.body}</p>}
      <div className="notification-actions small muted">
        <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time>
        {unread && (
          <button type="button" className="button ghost small" onClick={onRead} aria-label={`Mark as read: ${n.title}`}>
            Mark as read
          </button>
        )}
      </div>
    </li>
  );
}

export function NotificationsPage() {
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyUnread = items.some((n) => n.readAt === null);

  if (list.error) return <ErrorState error={list.error} />;
  return (
    <section className="page narrow">
      <div className="notifications-head">
        <h1>Notifications</h1>
        <button
          type="button"
          className="button"
          disabled={!anyUnread || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all as read
        </button>
      </div>
      {(markRead.error ?? markAll.error) && (
        <p className="alert error" role="alert">
          {(markRead.error ?? markAll.error)?.message}
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">
          Nothing yet. Comments on your work, replies, review reminders and new credentials will show up here.
        </p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <Item
              key={n.id}
              n={n}
              onRead={() => markRead.mutate(n.id)}
              onOpen={async () => {
                if (n.readAt === null) await markRead.mutateAsync(n.id).catch(() => undefined);
                await navigate({ href: n.link });
              }}
            />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button ghost"
          disabled={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      )}
      <NotificationPreferences />
    </section>
  );
}
