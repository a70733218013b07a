import { sql } from 'drizzle-orm';
import { boolean, char, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['buyer', 'seller', 'ops']);
export const contactChannel = pgEnum('contact_channel', ['email', 'sms']);
export const otpPurpose = pgEnum('otp_purpose', ['sign_in', 'sign_up']);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    // Stored normalized: lower-cased email, E.164 phone. Either may be null, not both.
    email: text(),
    phone: text(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    phoneVerifiedAt: timestamp({ withTimezone: true }),
    role: userRole().notNull().default('buyer'),
    primeMember: boolean().notNull().default(false),
    countryCode: char({ length: 2 }).notNull().default('US'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_phone_key').on(t.phone),
    check('users_contact_present', sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
  ],
);

export const addresses = pgTable(
  'addresses',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fullName: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    state: char({ length: 2 }).notNull(),
    zip: text().notNull(),
    country: char({ length: 2 }).notNull().default('US'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('addresses_user_idx').on(t.userId)],
);

// One-time codes for sign-in and for verifying a contact. Only a hash of the code is stored.
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    channel: contactChannel().notNull(),
    destination: text().notNull(),
    purpose: otpPurpose().notNull(),
    codeHash: text().notNull(),
    // SHA-256 of the requesting browser's sign-in cookie: only that browser can redeem (or burn) this code.
    deviceHash: text().notNull().default(''),
    // Issued from the owner's own budget (a browser that signed in with this contact before, or the gift's own link):
    // the address-wide guessing lock, which strangers can trip, does not apply to it.
    trusted: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otp_codes_destination_idx').on(t.destination, t.deviceHash, t.createdAt), index('otp_codes_created_idx').on(t.createdAt)],
);

// Fixed-window counters shared by every rate limit (codes sent, code attempts, link guesses).
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    key: text().primaryKey(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull(),
  },
  (t) => [index('rate_limit_buckets_window_idx').on(t.windowStart)],
);

// One row per signed-in browser. The session cookie names its row; signing out deletes it, and "Sign out everywhere"
// deletes every row of the account, so a copied cookie stops working the moment its session ends. (revoked_at is
// there for a future "keep a record of ended sessions"; nothing sets it today.)
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId), index('auth_sessions_expires_idx').on(t.expiresAt)],
);

// Browsers (by the hash of their sign-in cookie) that proved a contact with a code: they keep a code budget of their
// own for that contact, which strangers asking for codes to the same address cannot use up.
export const signInDevices = pgTable(
  'sign_in_devices',
  {
    destination: text().notNull(),
    deviceHash: text().notNull(),
    lastSignInAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.destination, t.deviceHash] }), index('sign_in_devices_last_idx').on(t.lastSignInAt)],
);
