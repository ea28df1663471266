/** Placeholder screen. */
export function QuizPage() {
  return (
    <section className="page narrow">
      <h1>QuizPage</h1>
    </section>
  );
}
