/** Placeholder screen. */
export function DashboardPage() {
  return (
    <section className="page narrow">
      <h1>DashboardPage</h1>
    </section>
  );
}
