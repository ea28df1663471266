/** Placeholder screen. */
export function ReviewPage() {
  return (
    <section className="page narrow">
      <h1>ReviewPage</h1>
    </section>
  );
}
