// Money is integer cents with a currency; only formatting turns it into text.
export type Money = { cents: number; currency: string };

export function formatMoney(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

export function assertCents(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of cents: ${n}`);
  return n;
}

export function sumCents(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + assertCents(v), 0);
}

export function multiplyCents(unitCents: number, quantity: number): number {
  assertCents(unitCents);
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`Bad quantity: ${quantity}`);
  return unitCents * quantity;
}
