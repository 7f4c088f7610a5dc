import QRCode from 'qrcode';
import type { MontageView } from '@/db/queries/montages';
import { effectiveTempo } from '@/lib/domain/tempo';
import { formatCountdown } from '@/lib/domain/timeline';
import { MODE_LABELS } from '@/lib/domain/workout';
import { PrintButton } from './print-button';

/** A QR code of `url` as an SVG string (drawn on the server, printed as vectors). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** A time in a track or the workout to the nearest second (m:ss), as a player's clock shows it. */
function clockTime(ms: number): string {
  return formatCountdown(Math.round(ms / 1000) * 1000);
}

/**
 * The dark workout's card: every track with where it starts in the workout and how long it lasts,
 * its intervals by where they sit in the track (start–end, what the music player's clock shows,
 * so a phone-free workout needs no sums), exercise and cue, a Run's cadence per track, and a QR
 * code of the share link, laid out for one or two A4/Letter pages.
 */
export async function MontageCard({ montage, shareUrl }: { montage: MontageView; shareUrl: string | null }) {
  const qr = shareUrl ? await qrSvg(shareUrl) : null;
  const isRun = montage.mode === 'run';
  return (
    <article className="montage-card space-y-3 text-sm" aria-label="Printable montage card">
      <header className="flex items-start justify-between gap-4 border-b-2 border-stone-900 pb-2">
        <div>
          <h1 className="text-2xl font-black">{montage.name}</h1>
          <p>
            {MODE_LABELS[montage.mode]} · {formatCountdown(montage.totalMs)}
            {isRun && montage.cadenceSpm !== null && <> · target {montage.cadenceSpm} steps/min</>}
          </p>
          <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
            No phone needed: follow the card, the music tells the time. Each interval is given by where it starts and ends in its track, as the player shows it.
          </p>
          <div className="mt-2 print:hidden">
            <PrintButton />
          </div>
        </div>
        {qr ? (
          <figure className="w-28 shrink-0 text-center text-[10px]" data-testid="share-qr">
            <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: qr }} />
            <figcaption>Scan for the workout</figcaption>
          </figure>
        ) : (
          <p className="w-40 text-xs text-stone-600 dark:text-stone-400 print:hidden">Share the montage to print a QR code of its link here.</p>
        )}
      </header>
      <ol className="space-y-2">
        {montage.entries.map((entry, k) => {
          const spm = isRun && entry.track.bpm !== null ? Math.round(effectiveTempo(entry.track.bpm, entry.multiplier)) : null;
          return (
            <li key={entry.id} className="break-inside-avoid" data-testid="card-track">
              <h2 className="font-bold">
                {k + 1}. {entry.track.title} <span className="font-normal">— {entry.track.artist}</span>
                <span className="float-right font-mono tabular-nums" data-testid="track-times">
                  starts {clockTime(entry.startMs)} · lasts {clockTime(entry.track.durationMs ?? 0)}
                  {spm !== null && <> · {spm} steps/min</>}
                </span>
              </h2>
              <table className="w-full border-collapse text-xs">
                <tbody>
                  {entry.intervals.map((interval) => (
                    <tr key={interval.id} className="border-t border-stone-300" data-testid="card-interval">
                      <td className="w-24 py-0.5 font-mono tabular-nums">
                        {clockTime(interval.offsetMs)}–{clockTime(interval.offsetMs + interval.durationMs)}
                      </td>
                      <td className={`w-40 py-0.5 ${interval.kind === 'work' ? 'font-semibold' : 'italic'}`}>{interval.exercise}</td>
                      <td className="py-0.5">{interval.cue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
