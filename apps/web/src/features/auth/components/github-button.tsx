/** "Continue with GitHub", shown only when the server has GitHub sign-in configured (it answers 404 otherwise). */
import { useQuery } from '@tanstack/react-query';

export function GitHubButton() {
  const enabled = useQuery({
    queryKey: ['github-enabled'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const res = await fetch('/api/auth/github/start', { redirect: 'manual', credentials: 'same-origin' });
      return res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400);
    },
  });
  if (!enabled.data) return null;
  return (
    <>
      <a className="button block" href="/api/auth/github/start">
        Continue with GitHub
      </a>
      <p className="or">or</p>
    </>
  );
}
