/** Placeholder screen. */
export function SignInPage() {
  return (
    <section className="page narrow">
      <h1>SignInPage</h1>
    </section>
  );
}
