/** The page for an address the app does not know. */
import { Link } from '@tanstack/react-router';

export function NotFound() {
  return (
    <section className="page narrow empty-state">
      <h1>Page not found</h1>
      <p>That address does not lead anywhere in Backpath.</p>
      <Link to="/" className="button primary">
        Back to the roadmap
      </Link>
    </section>
  );
}
