import { describe, expect, it } from 'vitest';
import { resolverProblem } from './dns/params-checks.ts';
import { urlProblem } from './url-problems.ts';

describe('urlProblem', () => {
  it.each([
    ['http://127.0.0.1:8080/', undefined],
    ['https://[::1]:443/x?y#z', undefined],
    ['http://user:pw@host:65535/', undefined],
    ['http://127.0.0.1:70000/', /port 70000 of "http:\/\/127\.0\.0\.1:70000\/" is not from 1 to 65535/],
    ['http://[::1]:0/', /port 0 of .* is not from 1 to 65535/],
    ['http://h:99999999999999999999/', /port 99999999… of/],
    ['http://[zz/', /"http:\/\/\[zz\/" is not a URL/],
    ['ftp://host/', /is not an http or https URL/],
    ['not a url', /is not a URL/],
  ])('%s', (url, expected) => {
    const problem = urlProblem(url);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe('resolverProblem', () => {
  it.each([
    ['10.0.0.2', undefined],
    ['127.0.0.1:5353', undefined],
    ['[::1]:5353', undefined],
    ['fd00::53', undefined],
    ['127.0.0.1:99999', /port 99999 is not from 1 to 65535/],
    ['[::1]:0', /port 0 is not from 1 to 65535/],
    ['999.1.1.1', /"999\.1\.1\.1" is not an IP address/],
    ['[1.2.3]:53', /"1\.2\.3" is not an IP address/],
  ])('%s', (resolver, expected) => {
    const problem = resolverProblem(resolver);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
