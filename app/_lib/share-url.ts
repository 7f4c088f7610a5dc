import { headers } from 'next/headers';

/** The absolute address of a share link, as the visitor reached this server. */
export async function shareUrlFor(token: string): Promise<string> {
  const list = await headers();
  const host = list.get('x-forwarded-host') ?? list.get('host') ?? '127.0.0.1:3000';
  const protocol = list.get('x-forwarded-proto') ?? 'http';
  return `${protocol}://${host}/s/${token}`;
}
