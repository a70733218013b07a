import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination, parsePage } from '@/components/ui/pagination';
import { listMailbox, type MailboxMessage } from '@/lib/notifications/queries';
import { classifyMeta } from '@/lib/notifications/rules';

// Development only: every email and SMS the app "sent", read straight from the outbox.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Mailbox (development)', robots: { index: false, follow: false } };

const PAGE_SIZE = 20;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  if (process.env.NODE_ENV === 'production') notFound();

  const { page: rawPage } = await searchParams;
  const { messages, total, page, pageCount } = await listMailbox({ page: parsePage(rawPage), pageSize: PAGE_SIZE });

  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-6 sm:py-10">
      <header className="mb-6">
        <h1 className="text-2xl font-bold text-slate-900">Mailbox</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every email and text message, newest first. In development nothing leaves this machine unless SMTP_URL or
          SMS_PROVIDER is set. {total > 0 && <span>{total === 1 ? '1 message' : `${total} messages`}.</span>}
        </p>
      </header>

      {total === 0 ? (
        <EmptyState title="No messages yet.">Send a gift or request a sign-in code and it appears here.</EmptyState>
      ) : messages.length === 0 ? (
        <EmptyState title={`There is no page ${page}.`}>
          <Link href="/dev/mailbox" className="font-medium text-blue-700 underline">
            Go to the newest messages
          </Link>
        </EmptyState>
      ) : (
        <ol className="space-y-4">
          {messages.map((m) => (
            <li key={m.id}>
              <MessageCard message={m} />
            </li>
          ))}
        </ol>
      )}

      {messages.length > 0 && (
        <Pagination page={page} pageCount={pageCount} href={(p) => (p === 1 ? '/dev/mailbox' : `/dev/mailbox?page=${p}`)} />
      )}
    </main>
  );
}

function MessageCard({ message: m }: { message: MailboxMessage }) {
  const { links, codes } = classifyMeta(m.meta);
  const at = m.sentAt ?? m.createdAt;
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" aria-labelledby={`msg-${m.id}-title`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={m.channel === 'email' ? 'blue' : 'neutral'}>{m.channel === 'email' ? 'Email' : 'SMS'}</Badge>
        <StatusBadge message={m} />
        <span className="text-slate-500">{m.template}</span>
        <time dateTime={at.toISOString()} className="ml-auto text-slate-500">
          {formatTime(at)}
        </time>
      </div>

      <h2 id={`msg-${m.id}-title`} className="mt-3 text-lg font-semibold break-words text-slate-900">
        {m.subject ?? (m.channel === 'sms' ? 'Text message' : '(no subject)')}
      </h2>
      <p className="mt-1 text-sm break-all text-slate-700">
        <span className="text-slate-500">To </span>
        {m.recipient}
      </p>

      {codes.length > 0 && (
        <dl className="mt-4 flex flex-wrap gap-4">
          {codes.map((c) => (
            <div key={c.key} className="rounded-lg bg-slate-50 px-4 py-2">
              <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{c.label}</dt>
              <dd className="font-mono text-3xl font-bold tracking-widest text-slate-900 select-all">{c.value}</dd>
            </div>
          ))}
        </dl>
      )}

      {links.length > 0 && (
        <ul className="mt-4 space-y-2">
          {links.map((l) => (
            <li key={l.key} className="text-sm">
              <span className="text-slate-500">{l.label}: </span>
              <a href={l.value} className="font-medium break-all text-blue-700 underline underline-offset-2 hover:text-blue-900">
                {l.value}
              </a>
            </li>
          ))}
        </ul>
      )}

      <pre className="mt-4 overflow-x-auto rounded-lg bg-slate-50 p-3 font-sans text-sm break-words whitespace-pre-wrap text-slate-800">
        {m.body}
      </pre>

      {m.lastError && (
        <p className="mt-3 text-sm break-words text-red-800">
          Last error (attempt {m.attempts}): {m.lastError}
        </p>
      )}
    </article>
  );
}

function StatusBadge({ message: m }: { message: MailboxMessage }) {
  if (m.status === 'sent') return <Badge tone="green">Sent via {m.transport ?? 'unknown'}</Badge>;
  if (m.status === 'dead') return <Badge tone="red">Failed after {m.attempts} attempts</Badge>;
  return <Badge tone="amber">{m.attempts === 0 ? 'Waiting to send' : `Retrying (attempt ${m.attempts})`}</Badge>;
}

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
function formatTime(d: Date): string {
  return `${timeFormat.format(d)} UTC`;
}
