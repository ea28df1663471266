/** Placeholder screen. */
export function ResetPasswordPage() {
  return (
    <section className="page narrow">
      <h1>ResetPasswordPage</h1>
    </section>
  );
}
