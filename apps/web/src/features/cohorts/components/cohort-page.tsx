/** Placeholder screen. */
export function CohortPage() {
  return (
    <section className="page narrow">
      <h1>CohortPage</h1>
    </section>
  );
}
