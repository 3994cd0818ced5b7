import { readFileSync } from 'node:fs';
import { screen } from '@testing-library/react';
import { renderPage } from '../../../test/render';
import { ApiTokenUsage, curlExample, EXAMPLE_QUERY, TOKEN_VARIABLE } from './ApiTokenUsage';

// Jest runs this file as CommonJS in Node (the client compiles without Node's types).
declare const __dirname: string;
const README = `${__dirname}/../../../../../README.md`;

describe('the API token example', () => {
  it('is one curl request with the token from $MOBIUS_API_TOKEN and the connectionStatus query', () => {
    expect(TOKEN_VARIABLE).toBe('MOBIUS_API_TOKEN');
    expect(curlExample('http://localhost:4000')).toBe(
      [
        'curl -s http://localhost:4000/graphql \\',
        '  -H "Authorization: Bearer $MOBIUS_API_TOKEN" \\',
        '  -H "Content-Type: application/json" \\',
        `  -d '{"query":"{ connectionStatus { connectWise { state message checkedAt } quickBooks { name companyName connectionStatus { state message checkedAt reconnectBy } } } }"}'`,
      ].join('\n'),
    );
    expect(JSON.parse(/-d '(.*)'$/.exec(curlExample('https://mobius.example'))?.[1] ?? '')).toEqual({
      query: EXAMPLE_QUERY,
    });
  });

  it('is the example of the README, word for word', () => {
    expect(readFileSync(README, 'utf8')).toContain(curlExample('http://localhost:4000'));
  });

  it('shows the example for the address the dashboard is served from', () => {
    renderPage(<ApiTokenUsage />, { url: '/settings' });
    const example = curlExample(window.location.origin);
    expect(example).toContain(`curl -s ${window.location.origin}/graphql`);
    expect(
      screen.getByText((_content, element) => element?.tagName === 'PRE' && element.textContent === example),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy example' })).toBeInTheDocument();
  });
});
