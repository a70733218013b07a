import { createHash } from 'node:crypto';
import type pg from 'pg';
import { scalar } from './db';

// Set-based seeding: every table is filled by one INSERT ... SELECT over generate_series, whatever the count.
// Ids are md5-derived uuids of the row number, so a reseed produces exactly the same rows (and the same tokens).

export type Shape = { givers: number; sellers: number; catalog: number; baseStock: number };

export function shapeFor(offers: number): Shape {
  return { givers: Math.max(1, Math.min(3000, Math.ceil(offers / 30))), sellers: 200, catalog: 500, baseStock: 50 };
}

/** The link token of seeded gift number i: 43 base64url characters, like newLinkToken(). */
export function benchToken(i: number): string {
  return createHash('sha256').update(`bench-token-${i}`).digest('base64url');
}

const SEEDED_TABLES = [
  'users', // cascades to sellers, offers, orders, order_lines, payments, payment_operations, gift_offers, gift cards ...
  'processor_sandbox_authorizations',
  'processor_sandbox_requests',
  'processor_sandbox_faults',
  'outbox_messages',
  'rate_limit_buckets',
];

/** Empties every table the bench writes. Refuses a database it did not create unless it is empty or BENCH_WIPE=1. */
export async function wipe(c: pg.Client, createdByBench: boolean) {
  if (!createdByBench && process.env.BENCH_WIPE !== '1') {
    const users = await scalar(c, 'select count(*) from users');
    if (users > 0) throw new Error('BENCH_DATABASE_URL points at a database with data: the bench empties its tables. Set BENCH_WIPE=1 to allow it.');
  }
  await c.query(`truncate ${SEEDED_TABLES.join(', ')} restart identity cascade`);
}

/** Givers, sellers (with their users) and the catalog the gifts are drawn from. */
export async function seedCatalog(c: pg.Client, s: Shape) {
  await c.query('begin');
  await c.query(
    `insert into users (id, name, email, email_verified_at, role, created_at)
     select md5('giver' || g)::uuid, 'Giver ' || g, 'giver' || g || '@bench.test', now() - interval '30 days', 'buyer', now() - interval '30 days'
     from generate_series(1, $1::int) g`,
    [s.givers],
  );
  await c.query(
    `insert into users (id, name, email, email_verified_at, role, created_at)
     select md5('seller-user' || n)::uuid, 'Seller ' || n, 'seller' || n || '@bench.test', now() - interval '90 days', 'seller', now() - interval '90 days'
     from generate_series(1, $1::int) n`,
    [s.sellers],
  );
  await c.query(
    `insert into sellers (id, user_id, display_name, prime_status, prime_eligible, enrolled_at)
     select md5('seller' || n)::uuid, md5('seller-user' || n)::uuid, 'Seller ' || n, 'enrolled', true, now() - interval '60 days'
     from generate_series(1, $1::int) n`,
    [s.sellers],
  );
  await c.query(
    `insert into offers (id, seller_id, slug, title, description, image_url, price_cents, stock)
     select md5('offer' || o)::uuid, md5('seller' || (1 + (o - 1) % $2::int))::uuid, 'bench-item-' || o, 'Bench item ' || o,
            'A thing for benchmarks.', '/products/mug.svg', 1000 + (o * 37) % 9000, $3::int
     from generate_series(1, $1::int) o`,
    [s.catalog, s.sellers, s.baseStock],
  );
  await c.query('commit');
}

/**
 * `count` gifts numbered from `from`, each a complete checkout: order (awaiting_recipient), line (stock reserved),
 * sandbox hold (held) with its stored authorize response, payment (authorized) with its authorize operation, and a
 * waiting gift offer. `due`: the offer expired a minute to a day ago (the hold still valid); else it runs 5 more days.
 */
export async function seedGifts(c: pg.Client, s: Shape, opts: { from: number; count: number; due: boolean }) {
  const expiresAt = opts.due ? `now() - interval '1 minute' - make_interval(secs => (p.i % 86400)::int)` : `now() + interval '5 days'`;
  const createdAt = opts.due ? `now() - interval '6 days'` : `now()`;
  const holdExpiresAt = opts.due ? `now() + interval '1 day'` : `now() + interval '7 days'`;
  await c.query('begin');
  await c.query(
    `create temp table bench_plan on commit drop as
     select p.i, md5('order' || p.i)::uuid as order_id, md5('giver' || (1 + (p.i::bigint * 7919) % $3::int))::uuid as giver_id,
            o.id as offer_id, o.seller_id, o.title, o.price_cents, 1 + (p.i % 3 = 0)::int as qty,
            'auth_bench_' || md5('auth' || p.i) as auth_id, 'checkout:bench-' || p.i as auth_key,
            translate(rtrim(encode(sha256(convert_to('bench-token-' || p.i, 'UTF8')), 'base64'), '='), '+/', '-_') as token
     from generate_series($1::int, $1::int + $2::int - 1) as p(i)
     join offers o on o.id = md5('offer' || (1 + (p.i::bigint * 31) % $4::int))::uuid`,
    [opts.from, opts.count, s.givers, s.catalog],
  );
  const planned = await scalar(c, 'select count(*) from bench_plan');
  if (planned !== opts.count) throw new Error(`seed: planned ${planned} gifts, expected ${opts.count} (catalog missing?)`);
  const statements = [
    `insert into orders (id, buyer_id, checkout_key, status, shipping_choice, is_gift, subtotal_cents, shipping_cents, total_cents, currency, created_at)
     select order_id, giver_id, 'bench-' || i, 'awaiting_recipient', 'recipient_provides', true, price_cents * qty, 0, price_cents * qty, 'USD', ${createdAt}
     from bench_plan p order by i`,
    `insert into order_lines (id, order_id, offer_id, seller_id, title, unit_price_cents, quantity, stock_reserved)
     select md5('line' || i)::uuid, order_id, offer_id, seller_id, title, price_cents, qty, true from bench_plan p order by i`,
    `insert into processor_sandbox_authorizations (id, status, amount_cents, currency, card_last4, expires_at, created_at)
     select auth_id, 'held', price_cents * qty, 'USD', '4242', ${holdExpiresAt}, ${createdAt} from bench_plan p order by i`,
    `insert into processor_sandbox_requests (idempotency_key, operation, request_fingerprint, response, created_at)
     select auth_key, 'authorize', encode(sha256(convert_to('fingerprint' || i, 'UTF8')), 'hex'),
            jsonb_build_object('ok', true, 'value', jsonb_build_object('authorizationId', auth_id, 'expiresAt', ${holdExpiresAt}, 'brand', 'visa', 'last4', '4242')),
            ${createdAt}
     from bench_plan p order by i`,
    `insert into payments (id, order_id, processor_authorization_id, status, currency, authorized_cents, card_brand, card_last4, hold_expires_at, authorized_at, created_at)
     select md5('payment' || i)::uuid, order_id, auth_id, 'authorized', 'USD', price_cents * qty, 'visa', '4242', ${holdExpiresAt}, ${createdAt}, ${createdAt}
     from bench_plan p order by i`,
    `insert into payment_operations (payment_id, kind, idempotency_key, amount_cents, outcome, processor_authorization_id, created_at)
     select md5('payment' || i)::uuid, 'authorize', auth_key, price_cents * qty, 'succeeded', auth_id, ${createdAt} from bench_plan p order by i`,
    `insert into gift_offers (id, order_id, giver_id, recipient_channel, recipient_contact, token_hash, reminder_token_hash, gift_message,
                              giver_display_name, item_title, item_image_url, item_quantity,
                              status, expires_at, reminder_sent_at, created_at)
     select md5('gift' || i)::uuid, order_id, giver_id,
            (case when i % 10 = 0 then 'sms' else 'email' end)::contact_channel,
            case when i % 10 = 0 then '+1415555' || lpad((i % 10000)::text, 4, '0') else 'recipient' || i || '@bench.test' end,
            encode(sha256(convert_to(token, 'UTF8')), 'hex'),
            ${opts.due ? `encode(sha256(convert_to('bench-reminder-' || i, 'UTF8')), 'hex')` : 'null'},
            case when i % 4 = 0 then 'Happy birthday! Enjoy.' end,
            (select u.name from users u where u.id = giver_id), title, (select o.image_url from offers o where o.id = offer_id), qty,
            'waiting', ${expiresAt}, ${opts.due ? `${expiresAt} - interval '1 day'` : 'null'}, ${createdAt}
     from bench_plan p order by i`,
  ];
  // offers.stock is what is left to sell: the reserved units are already out of it, so it stays at baseStock here.
  for (const text of statements) await c.query(text);
  await c.query('commit');
}

/** Makes the planner and the visibility map see the seeded tables as a long-running database would. */
export async function settle(c: pg.Client) {
  await c.query('vacuum analyze');
  await c.query('checkpoint');
}
