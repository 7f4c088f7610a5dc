import { handler, json } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** Liveness for a load balancer: the process is up and answers. */
export const GET = handler(async () => json({ status: 'ok' }));
