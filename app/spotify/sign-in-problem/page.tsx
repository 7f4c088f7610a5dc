import { SignInNotice } from '../../_components/spotify/sign-in-notice';

export const metadata = { title: 'Spotify sign-in — Montage' };

/** Where any other failed Spotify sign-in lands (next-auth's sign-in and error pages point here). */
export default function SignInProblemPage() {
  return <SignInNotice kind="other" />;
}
