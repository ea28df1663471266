/** Placeholder screen. */
export function JoinCohortPage() {
  return (
    <section className="page narrow">
      <h1>JoinCohortPage</h1>
    </section>
  );
}
