/** The nginx configuration tokenizer, the -T dump reader and location selection, on configuration text. */
import { describe, expect, it } from 'vitest';
import { effectiveConfig, splitDump } from './dump.ts';
import { headersAt } from './headers.ts';
import { selectLocation } from './location.ts';
import { ConfigParseError, parseConfig } from './parse.ts';
import { effective, serversOf } from './servers.ts';

describe('parseConfig', () => {
  it.each([
    ['quotes keep spaces and semicolons', 'add_header X "a; b" always;', ['X', 'a; b', 'always']],
    ['single quotes and escaped quote', "return 200 'it\\'s';", ['200', "it's"]],
    ['comments end at the line', 'listen 80; # listen 81;', ['80']],
    ['a regex keeps its backslashes', 'location ~ \\.php$ { }', ['~', '\\.php$']],
  ])('%s', (_name, text, args) => {
    expect(parseConfig(text, 'f')[0].args).toEqual(args);
  });

  it('keeps a dollar-brace variable inside its word (the brace does not open a block)', () => {
    const dollar = '$';
    const [d] = parseConfig(`set $x ${dollar}{y}z;`, 'f');
    expect(d.args).toEqual(['$x', `${dollar}{y}z`]);
  });

  it('nests blocks and records file and line', () => {
    const [http] = parseConfig('http {\n  server {\n    listen 80;\n  }\n}\n', '/etc/nginx/nginx.conf');
    expect(http.block?.[0].block?.[0]).toMatchObject({ name: 'listen', args: ['80'], line: 3 });
  });

  it.each([
    ['an unclosed block', 'http { server {', /expecting "}"/],
    ['a stray brace', 'listen 80; }', /unexpected "}"/],
    ['a directive without ;', 'listen 80', /no ending ";"/],
    ['an unterminated quote', 'add_header X "abc;', /unterminated " quote/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseConfig(text, 'f')).toThrow(ConfigParseError);
    expect(() => parseConfig(text, 'f')).toThrow(message);
  });
});

const DUMP = `# configuration file /etc/nginx/nginx.conf:
http {
    include /etc/nginx/globals/*.conf;
    server_tokens on;
    include sites/*.conf;
}

# configuration file /etc/nginx/globals/b.conf:
add_header X-Frame-Options SAMEORIGIN always;

# configuration file /etc/nginx/globals/a.conf:
server_tokens off;

# configuration file /etc/nginx/sites/one.conf:
server {
    listen 127.0.0.1:443 ssl;
    server_name one.test;
    location / { }
    location ^~ /static/ { add_header Cache-Control public; }
    location = /wp-login.php { }
    location ~* \\.php$ { }
    location /wp-content/uploads/ {
        location ~ \\.php$ { deny all; }
    }
}
`;

describe('effectiveConfig', () => {
  it('splits the dump into files and inlines includes in glob order, relative ones against the main file', () => {
    expect([...splitDump(DUMP).keys()]).toHaveLength(4);
    const config = effectiveConfig(DUMP, '/etc/nginx/nginx.conf');
    const http = config[0].block ?? [];
    expect(http.map((d) => d.name)).toEqual(['server_tokens', 'add_header', 'server_tokens', 'server']);
    const [server] = serversOf(config);
    expect(server.name).toBe('one.test 127.0.0.1:443 ssl');
    // The later server_tokens on (after the globals) is the one in force.
    expect(effective(server.level, 'server_tokens')?.args).toEqual(['on']);
  });

  it('refuses an include the dump does not hold, and a dump without files', () => {
    expect(() => effectiveConfig('# configuration file /a.conf:\ninclude /b.conf;\n', '/a.conf')).toThrow(
      /not in the nginx -T output/,
    );
    expect(() => effectiveConfig('nginx: [emerg] something\n', '/a.conf')).toThrow(
      /no "# configuration file"/,
    );
  });
});

describe('selectLocation and add_header inheritance', () => {
  const [server] = serversOf(effectiveConfig(DUMP, '/etc/nginx/nginx.conf'));
  it.each([
    ['/', 'location /'],
    ['/wp-login.php', 'location = /wp-login.php'],
    ['/index.php', 'location ~* \\.php$'],
    ['/static/x.php', 'location ^~ /static/'],
    ['/wp-content/uploads/a.php', 'location ~ \\.php$'],
    ['/wp-content/uploads/a.jpg', 'location /wp-content/uploads/'],
  ])('%s is served by %s', (uri, label) => {
    expect(selectLocation(server.level, uri).at(-1)?.label).toBe(label);
  });

  it("drops the server's headers in a location with its own add_header", () => {
    const staticLevel = selectLocation(server.level, '/static/a.css')[0];
    expect(headersAt(server.level).map((h) => h.name)).toEqual(['X-Frame-Options']);
    expect(headersAt(staticLevel).map((h) => h.name)).toEqual(['Cache-Control']);
    expect(headersAt(selectLocation(server.level, '/')[0]).map((h) => h.name)).toEqual(['X-Frame-Options']);
  });
});
