/** Placeholder screen. */
export function AccountPage() {
  return (
    <section className="page narrow">
      <h1>AccountPage</h1>
    </section>
  );
}
