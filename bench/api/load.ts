/** Runs one load case with autocannon (closed model, fixed connections) and returns the figures. */
import autocannon from 'autocannon';

export interface LoadFigures {
  rps: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadCase {
  url: string;
  method?: 'GET' | 'PUT' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Cookies to rotate through, one per request (many signed-in learners). */
  cookies?: string[];
  connections?: number;
  seconds?: number;
}

function rotateCookie(cookies: string[]) {
  let next = 0;
  return (req: autocannon.Request) => {
    const cookie = cookies[next++ % cookies.length]!;
    return { ...req, headers: { ...req.headers, cookie } };
  };
}

export async function load(c: LoadCase): Promise<LoadFigures> {
  const result = await autocannon({
    url: c.url,
    method: c.method ?? 'GET',
    headers: c.headers ?? {},
    ...(c.body ? { body: c.body } : {}),
    ...(c.cookies ? { requests: [{ setupRequest: rotateCookie(c.cookies) }] } : {}),
    connections: c.connections ?? 50,
    duration: c.seconds ?? 4,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
