// Applies the learner's theme (light, dark or the system's) to <html data-theme> before the first
// paint. index.html loads it as a blocking script because the CSP allows no inline script; the
// header's theme menu (src/lib/theme.ts) keeps the same key and rule.
(() => {
  const KEY = 'backpath.theme';
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    let chosen = 'system';
    try {
      chosen = localStorage.getItem(KEY) ?? 'system';
    } catch {
      // storage blocked: follow the system
    }
    const dark = chosen === 'dark' || (chosen !== 'light' && Boolean(media?.matches));
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  };
  apply();
  media?.addEventListener?.('change', apply);
  // Another tab changed it.
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) apply();
  });
})();
