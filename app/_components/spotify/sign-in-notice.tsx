import Link from 'next/link';
import { SIGN_IN_MESSAGES } from './sign-in-messages';

/** A page-sized explanation of why Spotify sign-in did not work, and that the rest of Montage does. */
export function SignInNotice({ kind }: { kind: keyof typeof SIGN_IN_MESSAGES }) {
  const message = SIGN_IN_MESSAGES[kind];
  return (
    <section role="alert" aria-labelledby="sign-in-notice" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h1 id="sign-in-notice" className="text-xl font-bold">
        {message.title}
      </h1>
      <p>{message.body}</p>
      <p>{message.rest}</p>
      <p>
        <Link href="/" className="underline">
          Back to Montage
        </Link>
      </p>
    </section>
  );
}
