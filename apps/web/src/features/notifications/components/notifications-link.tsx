/** The header's "Notifications" link, with how many are unread (polled every minute and on focus). */
import { Link } from '@tanstack/react-router';
import { useUnreadCount } from '../api/use-notifications.ts';

export function NotificationsLink({ signedIn }: { signedIn: boolean }) {
  const unread = useUnreadCount(signedIn);
  const n = unread.data ?? 0;
  return (
    <Link to="/notifications">
      Notifications
      {n > 0 && (
        <span className="nav-badge">
          {n > 99 ? '99+' : n}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  );
}
