/**
 * What a person is told when signing in with Spotify did not work. Spotify in Development Mode
 * lets anyone consent, then refuses every call for accounts the app's owner has not added
 * (403 on /v1/me): that case gets its own page, never next-auth's stock "Try signing in with a
 * different account".
 */
export const SIGN_IN_MESSAGES = {
  developmentMode: {
    title: 'This Montage is in Spotify Development Mode',
    body: 'Spotify only lets accounts its owner has added use this Montage with Spotify. Ask the owner of this Montage to add your Spotify account (Spotify Developer Dashboard → your app → User Management); then connect again.',
    rest: 'Everything else works without Spotify: build montages from the Rocky IV soundtrack or your own files, follow workouts, share them.',
  },
  other: {
    title: 'Connecting Spotify did not work',
    body: 'Spotify did not complete the sign-in (it was cancelled, or Spotify did not answer). Try again in a moment.',
    rest: 'Everything else works without Spotify.',
  },
} as const;
