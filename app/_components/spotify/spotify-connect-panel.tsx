'use client';

import type { SpotifyConnect } from '../workout/use-spotify-connect';

/** "Follow my Spotify app": turn on, pick a device, see what it plays; messages for every refusal. */
export function SpotifyConnectPanel({ connect }: { connect: SpotifyConnect }) {
  const { phase, devices, deviceId, message, playback } = connect;
  const device = devices.find((d) => d.id === deviceId);
  return (
    <section aria-label="Follow my Spotify app" className="space-y-2 rounded border border-stone-200 bg-white p-3 text-sm dark:border-stone-700 dark:bg-stone-900">
      <label className="flex items-center gap-2 font-semibold">
        <input type="checkbox" checked={phase !== 'off'} onChange={(e) => (e.target.checked ? connect.turnOn() : connect.turnOff())} />
        Follow my Spotify app
      </label>
      {phase === 'off' && <p className="text-stone-600 dark:text-stone-400">Play the montage in the Spotify app on your phone (Spotify Premium) and the workout follows it.</p>}
      {phase === 'loading' && <p>Looking for your Spotify apps…</p>}
      {phase === 'choose' && (
        <div className="space-y-1">
          {devices.length > 0 && <p>Play the montage on:</p>}
          <ul className="flex flex-wrap gap-2">
            {devices.map((d) => (
              <li key={d.id}>
                <button type="button" onClick={() => connect.playOn(d.id)} disabled={d.isRestricted} className="rounded bg-green-700 px-3 py-1.5 font-semibold text-white disabled:opacity-50">
                  {d.name}
                  {d.isActive ? ' (playing now)' : ''}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={connect.refreshDevices} className="underline">
            Look again
          </button>
        </div>
      )}
      {phase === 'following' && (
        <p data-testid="spotify-connect-status">
          Following {device?.name ?? playback?.deviceName ?? 'your Spotify app'}
          {playback ? (playback.isPlaying ? ' · playing' : ' · paused') : ''}
        </p>
      )}
      {message && (
        <p role="status" className="text-amber-900 dark:text-amber-200" data-testid="spotify-connect-message">
          {message}
        </p>
      )}
    </section>
  );
}
