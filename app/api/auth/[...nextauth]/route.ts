import NextAuth from 'next-auth';
import { getAuthOptions, isSpotifyConfigured } from '@/lib/server/auth';
import { json } from '@/lib/server/http';

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's routes (sign-in, callback, sign-out, session), with options that read the database. */
async function auth(request: Request, context: Context): Promise<Response> {
  if (!isSpotifyConfigured()) {
    return json({ error: { code: 'not_found', message: 'Spotify sign-in is not configured on this server.' } }, { status: 404 });
  }
  return NextAuth(request as never, context as never, await getAuthOptions()) as Promise<Response>;
}

export { auth as GET, auth as POST };
