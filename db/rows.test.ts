import { describe, expect, it } from 'vitest';
import { affectedRows, rows } from './index';

describe('rows<T>() and affectedRows(): raw results of either driver', () => {
  it('reads the rows node-postgres and PGlite both return', () => {
    expect(rows<{ n: number }>({ rows: [{ n: 1 }, { n: 2 }], rowCount: 2 })).toEqual([{ n: 1 }, { n: 2 }]);
    expect(rows({ rows: [], affectedRows: 0 })).toEqual([]);
  });

  it('refuses anything that is not a result with rows, instead of reading undefined later', () => {
    for (const bad of [null, undefined, {}, { rows: 'x' }, 42]) expect(() => rows(bad)).toThrow('Expected a query result with rows');
  });

  it('counts affected rows from either driver', () => {
    expect(affectedRows({ rowCount: 3 })).toBe(3);
    expect(affectedRows({ affectedRows: 4 })).toBe(4);
    expect(affectedRows({ rowCount: null })).toBe(0);
    expect(affectedRows(null)).toBe(0);
  });
});
