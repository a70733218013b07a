import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">We couldn’t find that page</h1>
      <p className="mt-2 text-slate-600">It may have moved, or it isn’t yours to see.</p>
      <Link href="/" className="mt-4 inline-block">
        Back to the shop
      </Link>
    </main>
  );
}
