import Link from 'next/link';

export default async function GiftDeclinedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const blocked = (await searchParams).blocked === '1';
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
      <h1 className="text-xl font-bold">You declined the gift</h1>
      <p className="text-slate-700">We’ve let the sender know. They weren’t charged, and nothing was shared about you.</p>
      {blocked && (
        <p className="text-slate-700" data-testid="sender-blocked">
          You won’t see gifts from this person again: we’ll decline them for you, and they’ll see them as declined. Gifts from everyone else still reach
          you.
        </p>
      )}
      <Link href="/">Visit the shop</Link>
    </div>
  );
}
