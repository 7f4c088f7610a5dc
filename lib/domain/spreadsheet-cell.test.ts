import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-cell';

describe('spreadsheet-safe CSV cells', () => {
  it('quotes text a spreadsheet would run as a formula, and leaves the rest as it is', () => {
    expect(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'].map(spreadsheetSafe)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
    ]);
    expect(['Sled pull', 'Eye of the Tiger', 'a=b', '', null, -5, 40].map(spreadsheetSafe)).toEqual(['Sled pull', 'Eye of the Tiger', 'a=b', '', null, -5, 40]);
  });
});
