import { formatDateTimeIn } from '@/lib/returns/rules';

type Msg = { id: number; authorRole: 'seller' | 'ops' | 'system'; body: string; createdAt: Date };

const who = { seller: 'You', ops: 'SAFE-T team', system: 'SAFE-T' } as const;
const whoForStaff = { seller: 'Seller', ops: 'SAFE-T team', system: 'System' } as const;

// The claim's message thread (the SAFE-T communication centre), oldest first.
export function ClaimThread({ thread, tz, forStaff = false }: { thread: Msg[]; tz: string; forStaff?: boolean }) {
  return (
    <ol className="space-y-2" aria-label="Messages" data-testid="claim-thread">
      {thread.map((m) => (
        <li key={m.id} className={`rounded-lg p-3 text-sm ${m.authorRole === 'seller' ? 'bg-slate-100' : m.authorRole === 'ops' ? 'bg-sky-50' : 'bg-amber-50'}`}>
          <p className="text-xs font-medium text-slate-600">
            {(forStaff ? whoForStaff : who)[m.authorRole]} · {formatDateTimeIn(m.createdAt, tz)}
          </p>
          <p className="whitespace-pre-line break-words">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
