/**
 * Test support: renders a screen inside a fresh query client and an in-memory router (so `Link`
 * works), with `component` as the root route's component. Waits for the router's first render.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { act, render } from '@testing-library/react';

export async function renderScreen(Component: () => React.ReactNode, { path = '/' }: { path?: string } = {}) {
  const rootRoute = createRootRoute({ component: Component });
  const catchAll = createRoute({ getParentRoute: () => rootRoute, path: '$', component: () => <Outlet /> });
  const router = createRouter({
    routeTree: rootRoute.addChildren([catchAll]),
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let view!: ReturnType<typeof render>;
  await act(async () => {
    view = render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    await router.load();
  });
  return { ...view, router, client };
}
