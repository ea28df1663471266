/** Placeholder screen. */
export function CohortsPage() {
  return (
    <section className="page narrow">
      <h1>CohortsPage</h1>
    </section>
  );
}
