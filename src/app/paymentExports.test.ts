import { describe, expect, it } from 'vitest';
import { toCsv } from './paymentExports.ts';

describe('CSV for the finance system (RFC 4180)', () => {
  it('writes a header, CRLF line ends, quotes what needs quoting, empty for null, and defuses formulas', () => {
    const rows = [
      { name: 'Hansen, Kari', amount: 900, note: null, citations: 'egenandelsforskriften § 10; «sitat» "med" anførsel' },
      { name: '=HYPERLINK("x")', amount: 0, note: 'ny\nlinje', citations: '' },
    ];
    expect(toCsv(['name', 'amount', 'note', 'citations'], rows)).toBe(
      'name,amount,note,citations\r\n' +
        '"Hansen, Kari",900,,"egenandelsforskriften § 10; «sitat» ""med"" anførsel"\r\n' +
        `"'=HYPERLINK(""x"")",0,"ny\nlinje",\r\n`,
    );
  });
});
