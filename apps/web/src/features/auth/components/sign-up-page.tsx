/** Placeholder screen. */
export function SignUpPage() {
  return (
    <section className="page narrow">
      <h1>SignUpPage</h1>
    </section>
  );
}
