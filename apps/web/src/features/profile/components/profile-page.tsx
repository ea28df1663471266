/** Placeholder screen. */
export function ProfilePage() {
  return (
    <section className="page narrow">
      <h1>ProfilePage</h1>
    </section>
  );
}
