import { parseLinkHeader } from './link-header';

describe('parseLinkHeader', () => {
  const base = 'https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?pageSize=50&page=2';

  it('reads the rels ConnectWise sends', () => {
    const header =
      '<https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?pageSize=50&page=1>; rel="first", ' +
      '<https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?pageSize=50&page=1>; rel="prev", ' +
      '<https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?pageSize=50&page=3>; rel="next", ' +
      '<https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?pageSize=50&page=4>; rel="last"';
    const links = parseLinkHeader(header, base);
    expect(Object.keys(links)).toEqual(['first', 'prev', 'next', 'last']);
    expect(links.next).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?pageSize=50&page=3');
  });

  it('resolves relative targets, unquoted and multi-valued rels, and extra parameters', () => {
    const links = parseLinkHeader(
      '</v2025_1/apis/3.0/x?page=3>; title="n, ext"; rel=next, <?page=9>; rel="last  alternate"',
      base,
    );
    expect(links.next).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0/x?page=3');
    expect(links.last).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/companies?page=9');
    expect(links.alternate).toBe(links.last);
  });

  it('keeps commas inside the URL and the first link of a rel', () => {
    const links = parseLinkHeader(
      '<https://h.example/a?conditions=id%20in%20(1,2)&page=2>; rel="next", <https://h.example/b>; rel="next"',
    );
    expect(links.next).toBe('https://h.example/a?conditions=id%20in%20(1,2)&page=2');
  });

  it.each([null, undefined, '', 'garbage', '<>; rel="next"', '<https://h.example/a>', '<http://[bad>; rel="next"'])(
    'ignores %p',
    (header) => {
      const links = parseLinkHeader(header);
      expect(links.next).toBeUndefined();
    },
  );
});
