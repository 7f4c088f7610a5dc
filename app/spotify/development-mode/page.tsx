import { SignInNotice } from '../../_components/spotify/sign-in-notice';

export const metadata = { title: 'Spotify Development Mode — Montage' };

/** Where Spotify sign-in sends an account that is not on the app's Development Mode allow-list. */
export default function DevelopmentModePage() {
  return <SignInNotice kind="developmentMode" />;
}
