import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb, rows } from '@/db/index';
import { createUser } from '@/db/seed/factories';
import { purgeOldCodes } from '@/lib/accounts/otp';
import { countLiveSessions, endAllSessions, endSession, getUserBySession, startSession } from '@/lib/accounts/queries';

describe('revocable sessions', () => {
  it('a session signs its user in until it is ended; ending it refuses the same cookie afterwards', async () => {
    const user = await createUser({ name: 'Sid Session' });
    const sid = await startSession(user.id, 3600);
    expect((await getUserBySession(user.id, sid))?.id).toBe(user.id);
    await endSession(sid);
    expect(await getUserBySession(user.id, sid)).toBeNull();
  });

  it('a session names one user: another user id with it signs nobody in', async () => {
    const a = await createUser({ name: 'Ann' });
    const b = await createUser({ name: 'Ben' });
    const sid = await startSession(a.id, 3600);
    expect(await getUserBySession(b.id, sid)).toBeNull();
  });

  it('expires on its own', async () => {
    const user = await createUser({ name: 'Eve Expired' });
    const sid = await startSession(user.id, 3600);
    await (await getDb()).execute(sql`update auth_sessions set expires_at = now() - interval '1 second' where id = ${sid}`);
    expect(await getUserBySession(user.id, sid)).toBeNull();
  });

  it('"sign out everywhere" ends every session of that account and no one else’s', async () => {
    const user = await createUser({ name: 'Many Devices' });
    const other = await createUser({ name: 'Someone Else' });
    const phone = await startSession(user.id, 3600);
    const laptop = await startSession(user.id, 3600);
    const theirs = await startSession(other.id, 3600);
    expect(await countLiveSessions(user.id)).toBe(2);
    expect(await endAllSessions(user.id)).toBe(2);
    expect(await getUserBySession(user.id, phone)).toBeNull();
    expect(await getUserBySession(user.id, laptop)).toBeNull();
    expect((await getUserBySession(other.id, theirs))?.id).toBe(other.id);
    // A new sign-in afterwards works again.
    const fresh = await startSession(user.id, 3600);
    expect((await getUserBySession(user.id, fresh))?.id).toBe(user.id);
  });

  it('expired sessions are purged by the jobs a day later; live ones stay', async () => {
    const user = await createUser({ name: 'Pat Purge' });
    const old = await startSession(user.id, 3600);
    const live = await startSession(user.id, 3600);
    const db = await getDb();
    await db.execute(sql`update auth_sessions set expires_at = now() - interval '2 days' where id = ${old}`);
    await purgeOldCodes();
    const left = rows<{ id: string }>(await db.execute(sql`select id from auth_sessions where user_id = ${user.id}`));
    expect(left.map((r) => r.id)).toEqual([live]);
  });
});
