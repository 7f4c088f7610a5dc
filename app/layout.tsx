import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Montage — train to the Rocky IV soundtrack', template: '%s · Montage' },
  description: 'Tempo-ordered workout playlists built around the Rocky IV soundtrack, with timed intervals.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#b91c1c' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-stone-900 text-white dark:border-stone-700">
          <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-3">
            <Link href="/" className="text-lg font-black uppercase tracking-widest">
              Montage
            </Link>
            <span className="flex items-center gap-3 text-xs text-stone-300">
              <Link href="/progress" className="font-semibold text-white underline">
                Progress
              </Link>
              Rocky IV · tempo · intervals
            </span>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-4xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
