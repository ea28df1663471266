/** Placeholder screen. */
export function VerifyEmailPage() {
  return (
    <section className="page narrow">
      <h1>VerifyEmailPage</h1>
    </section>
  );
}
