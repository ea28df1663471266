/** Placeholder screen. */
export function ForgotPasswordPage() {
  return (
    <section className="page narrow">
      <h1>ForgotPasswordPage</h1>
    </section>
  );
}
