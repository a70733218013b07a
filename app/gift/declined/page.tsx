import Link from 'next/link';

export default function GiftDeclinedPage() {
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
      <h1 className="text-xl font-bold">You declined the gift</h1>
      <p className="text-slate-700">We’ve let the sender know. They weren’t charged, and nothing was shared about you.</p>
      <Link href="/">Visit the shop</Link>
    </div>
  );
}
