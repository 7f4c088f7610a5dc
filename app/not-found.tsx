import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-400">This montage does not exist, is private, or its link was revoked.</p>
      <Link href="/" className="mt-6 inline-block rounded bg-rocky-red px-4 py-2 font-semibold text-white">
        Build your own montage
      </Link>
    </div>
  );
}
