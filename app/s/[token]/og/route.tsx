import { ImageResponse } from 'next/og';
import { getDb } from '@/db/client';
import { getSharedMontage } from '@/lib/server/shared-cache';
import { isShareToken } from '@/lib/server/security/text';
import { previewSummary, tempoPath } from '../../../_lib/montage-preview';

const WIDTH = 1200;
const HEIGHT = 630;

/** The picture a chat app or social site shows for a shared link: name, length and the tempo curve. */
export async function GET(_request: Request, context: { params: Promise<{ token: string }> }) {
  const { token } = await context.params;
  // A token that cannot be one (`%00`, 500 before) is not looked up.
  const montage = isShareToken(token) ? await getSharedMontage(await getDb(), token) : null;
  if (!montage) return new Response('Not found', { status: 404 });
  const path = tempoPath(montage, 1080, 260);
  return new ImageResponse(
    (
      <div style={{ display: 'flex', flexDirection: 'column', width: '100%', height: '100%', background: '#1c1917', color: 'white', padding: 60 }}>
        <div style={{ display: 'flex', fontSize: 28, letterSpacing: 6, color: '#d4a017', textTransform: 'uppercase' }}>Montage · Rocky IV</div>
        <div style={{ display: 'flex', fontSize: 72, fontWeight: 900, marginTop: 16, lineHeight: 1.1 }}>{montage.name}</div>
        <div style={{ display: 'flex', fontSize: 36, marginTop: 16, color: '#d6d3d1' }}>{previewSummary(montage)}</div>
        <svg width="1080" height="260" viewBox="0 0 1080 260" style={{ marginTop: 'auto' }}>
          <path d={path} fill="none" stroke="#b91c1c" strokeWidth="10" strokeLinejoin="round" />
        </svg>
      </div>
    ),
    // Shared caches may keep it but ask again each time: a revoked link's preview is gone at once, not 5 minutes later.
    { width: WIDTH, height: HEIGHT, headers: { 'cache-control': 'public, no-cache' } },
  );
}
