import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneConnection, rows } from './index';

// The embedded database is one connection. Without oneConnection(), the first test below waits forever: a read
// through the shared handle from inside a transaction queues behind that same transaction.
describe('the embedded database as one connection', () => {
  let client: PGlite;
  let db: ReturnType<typeof drizzle>;
  const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, no) => setTimeout(() => no(new Error('waited for itself')), 5_000))]);

  beforeAll(async () => {
    client = await PGlite.create();
    db = drizzle({ client: oneConnection(client) });
    await db.execute(sql`create table t (id int primary key, v text)`);
  }, 120_000); // starting Postgres in WASM takes a while on a busy machine
  afterAll(() => client.close());

  it('a read through the shared handle inside a transaction runs in it instead of waiting for it', async () => {
    const seen = await within(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into t values (1, 'a')`);
        return rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from t`))[0].n;
      }),
    );
    expect(seen).toBe(1);
  });

  it('a transaction opened through the shared handle inside another is a savepoint: its failure undoes only itself', async () => {
    await within(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into t values (2, 'kept')`);
        await expect(
          db.transaction(async (inner) => {
            await inner.execute(sql`insert into t values (3, 'undone')`);
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
      }),
    );
    const ids = rows<{ id: number }>(await db.execute(sql`select id from t order by id`)).map((r) => r.id);
    expect(ids).toEqual([1, 2]);
  });

  it('work started outside any transaction still waits its turn and sees only committed rows', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writer = db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (4, 'late')`);
      await gate;
    });
    // Not inside the writer's async context: a separate caller, as another request would be.
    const reader = new Promise<number>((resolve, reject) =>
      setImmediate(() => db.execute(sql`select count(*)::int as n from t where id = 4`).then((r) => resolve(rows<{ n: number }>(r)[0].n), reject)),
    );
    release();
    await writer;
    expect(await within(reader)).toBe(1);
  });
});
