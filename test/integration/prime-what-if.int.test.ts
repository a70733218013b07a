import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/index';
import { createSeller, createUser } from '../../db/seed/factories';
import { insertFacts, setUpPrimeShipping } from '../../db/seed/prime';
import { addDays, localDateOf, weekdayOf, zonedInstant } from '@/lib/calendar';
import { whatIfAction as whatIfTyped } from '@/lib/prime/actions';
import type { WhatIfResult } from '@/lib/prime/what-if';
import { getShippingSettings } from '@/lib/shipping/settings';
import { listTemplates } from '@/lib/shipping/templates';
import { loosely, signInAs } from '../support/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../support/signed-in')).sessionModule);
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const whatIf = loosely(whatIfTyped);
afterEach(() => signInAs(null));

const TZ = 'America/Denver';
// The last `n` local weekdays `wd` before today, at a local time.
function recent(wd: number, hhmm: string, n: number) {
  const out: Date[] = [];
  for (let d = addDays(localDateOf(new Date(), TZ), -1); out.length < n; d = addDays(d, -1)) if (weekdayOf(d) === wd) out.push(zonedInstant(d, hhmm, TZ));
  return out;
}

// A seller shipping from Denver with UPS Ground only, limited to zone 4, cut-off 14:00, one automated template, and
// last month's Tuesday orders: 2 at 13:00 and 3 at 14:30 local time.
async function groundSeller() {
  const { user, seller } = await createSeller({ primeEligible: true, timeZone: TZ });
  const { shipFromId } = await setUpPrimeShipping(seller.id, { services: ['ups-ground'], maxZone: 4, cutoff: '14:00' });
  await insertFacts(await getDb(), [...recent(2, '13:00', 2), ...recent(2, '14:30', 3)].map((purchasedAt) => ({ sellerId: seller.id, purchasedAt })));
  return { user, seller, shipFromId };
}

describe('the what-if action', () => {
  it('projects added services, a wider zone limit and a later cut-off for the signed-in seller, and saves nothing', async () => {
    const { user, seller, shipFromId } = await groundSeller();
    signInAs(user);
    const before = await getShippingSettings(seller.id);
    const templatesBefore = await listTemplates(seller.id);
    const r = await whatIf({ shipFromId, services: 'ups-ground,ups-2nd-day-air', 'zone_ups-ground': '8', 'zone_ups-2nd-day-air': '8', addStates: '', addLevel: 'two_day', weekdayCutoff: '15:00', saturdayCutoff: '11:00' });
    expect(r.ok).toBe(true);
    const d = (r as { ok: true; data: WhatIfResult }).data;
    expect(d.current.nationwide).toBe(false);
    expect(d.current.missingStates).toContain('NY');
    expect(d.projected).toMatchObject({ nationwide: true, missingStates: [] });
    expect(d.projected.twoDayShare).toBeGreaterThan(0.99);
    expect(d.meets).toMatchObject({ twoDay: true, nationwide: true });
    expect(d.destinations.find((x) => x.zip3 === '100')).toMatchObject({ now: null, projected: 2 });
    expect(d.sameDay).toEqual({ orders: 5, now: 2 / 5, projected: 1 });
    expect(d.cutoffs).toMatchObject({ weekdayOk: true, now: { weekday: '14:00' } });
    // Nothing saved.
    expect(await getShippingSettings(seller.id)).toEqual(before);
    expect(await listTemplates(seller.id)).toEqual(templatesBefore);
  });

  it('adds states to the regions at the chosen level and names the ones no chosen service reaches in time', async () => {
    const { user, shipFromId } = await groundSeller();
    signInAs(user);
    const r = await whatIf({ shipFromId, services: 'ups-ground', addStates: 'ny,FL', addLevel: 'one_day', weekdayCutoff: '14:00', saturdayCutoff: '11:00' });
    expect(r).toMatchObject({ ok: true, data: { addedStates: { covered: [], unmet: ['FL', 'NY'] } } });
    const two = await whatIf({ shipFromId, services: 'ups-ground,ups-2nd-day-air', addStates: 'NY', addLevel: 'two_day', weekdayCutoff: '14:00', saturdayCutoff: '11:00' });
    expect(two).toMatchObject({ ok: true, data: { addedStates: { covered: ['NY'], unmet: [] } } });
  });

  it('refuses another seller’s location, unknown states, bad times, and anyone who is not a seller', async () => {
    const mine = await groundSeller();
    const theirs = await groundSeller();
    signInAs(mine.user);
    const base = { services: 'ups-ground', addStates: '', weekdayCutoff: '14:00', saturdayCutoff: '11:00' };
    expect(await whatIf({ ...base, shipFromId: theirs.shipFromId })).toEqual({ ok: false, error: 'That ship-from location could not be found.', fieldErrors: undefined });
    const bad = await whatIf({ ...base, shipFromId: mine.shipFromId, addStates: 'NY,XX', weekdayCutoff: '25:00' });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { 'addStates.1': ['Choose states from the list.'], weekdayCutoff: ['Use HH:MM (24-hour).'] } });
    signInAs(await createUser({ role: 'buyer' }));
    expect(await whatIf({ ...base, shipFromId: mine.shipFromId })).toMatchObject({ ok: false, error: 'Your account cannot do that.' });
  });
});
