import { describe, expect, it } from 'vitest';
import { mentionsAddress, threadKeyForOrder } from './rules';

const a = { line1: '42 Elm Street', line2: 'Apt 3', city: 'Hoboken', zip: '07030' };

describe('mentionsAddress', () => {
  it('finds the street line however it is typed', () => {
    expect(mentionsAddress('We shipped it to 42 elm street, hoboken.', a)).toBe(true);
    expect(mentionsAddress('We shipped it to 42  ELM-Street', a)).toBe(true);
  });
  it('finds the ZIP next to the city', () => {
    expect(mentionsAddress('It went to Hoboken NJ 07030 yesterday', a)).toBe(true);
  });
  it('leaves ordinary answers alone', () => {
    expect(mentionsAddress('It ships tomorrow by UPS. Order 07030 is unrelated to Springfield.', a)).toBe(false);
    expect(mentionsAddress('Thanks for your question about the elm wood finish.', a)).toBe(false);
  });
});

it('a gift’s giver and recipient get different threads for the same order', () => {
  expect(threadKeyForOrder('o1', 'giver')).not.toBe(threadKeyForOrder('o1', 'recipient'));
});
