/** Placeholder screen. */
export function PublicPortfolioPage() {
  return (
    <section className="page narrow">
      <h1>PublicPortfolioPage</h1>
    </section>
  );
}
