/** Placeholder screen. */
export function ExercisePage() {
  return (
    <section className="page narrow">
      <h1>ExercisePage</h1>
    </section>
  );
}
