'use client';

import { useEffect, useState } from 'react';

/**
 * The link as a QR code, so a phone at the gym opens it from a laptop's screen. Drawn as SVG
 * rectangles from the code's modules (no markup injected); the encoder loads only when shown.
 */
export function ShareQr({ url }: { url: string }) {
  const [modules, setModules] = useState<{ size: number; dark: boolean[] } | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void import('qrcode').then(({ create }) => {
      const code = create(url, { errorCorrectionLevel: 'M' });
      if (isCurrent) setModules({ size: code.modules.size, dark: Array.from(code.modules.data, (bit) => bit === 1) });
    });
    return () => {
      isCurrent = false;
    };
  }, [url]);
  if (!modules) return null;
  const quiet = 2;
  const side = modules.size + quiet * 2;
  return (
    <svg viewBox={`0 0 ${side} ${side}`} role="img" aria-label="QR code of the link above" className="size-40 rounded bg-white" shapeRendering="crispEdges" data-testid="share-qr">
      <rect width={side} height={side} fill="white" />
      {modules.dark.map((isDark, i) =>
        isDark ? <rect key={i} x={(i % modules.size) + quiet} y={Math.floor(i / modules.size) + quiet} width={1} height={1} fill="black" /> : null,
      )}
    </svg>
  );
}
