/** Entry point: mounts the app with its query client and router. */
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './app/query-client.ts';
import { router } from './app/router.tsx';
import { fetchMe, meKey } from './features/auth/api/use-me.ts';
import { stagesQuery } from './features/roadmap/api/use-roadmap.ts';
import './styles/base.css';
import './styles/lesson.css';

// Start the two requests every first screen needs before React's first render, not after it.
void queryClient.prefetchQuery(stagesQuery);
void queryClient.prefetchQuery({ queryKey: meKey, queryFn: fetchMe });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
