import { describe, expect, it } from 'vitest';
import { checkServer, parseServerAddress, serverAddressMessages } from '../../../src/core/accounts/server-address';
import type { Http } from '../../../src/core/ports';
import { faultAnswers } from '../../harness/fault-answers';
import { RecordingLogger } from '../auth/fakes';

describe('a server address as a person types it', () => {
  it.each([
    ['auth.example.com', 'https://auth.example.com'],
    ['  Auth.Example.com  ', 'https://auth.example.com'],
    ['https://auth.example.com/', 'https://auth.example.com'],
    ['https://auth.example.com/desktop/authorize?client_id=x#top', 'https://auth.example.com'],
    ['auth.example.com:8443', 'https://auth.example.com:8443'],
    ['https://auth.example.com:443', 'https://auth.example.com'],
    ['http://127.0.0.1:4455', 'http://127.0.0.1:4455'],
    ['http://localhost:3000/sign-in', 'http://localhost:3000'],
    ['localhost:3000', 'http://localhost:3000'],
    ['127.0.0.1:4455/desktop/authorize', 'http://127.0.0.1:4455'],
    ['https://localhost:8443', 'https://localhost:8443'],
    ['http://[::1]:4455', 'http://[::1]:4455'],
    ['bücher.example', 'https://xn--bcher-kva.example'],
    ['https:\\\\auth.example.com\\sign-in', 'https://auth.example.com'],
    ['auth.example.com.', 'https://auth.example.com'],
    ['https://auth.example.com.:8443/', 'https://auth.example.com:8443'],
    ['http://localhost.:3000', 'http://localhost:3000'],
  ])('keeps the origin of %j', (typed, origin) => {
    expect(parseServerAddress(typed)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', serverAddressMessages.empty],
    ['   ', serverAddressMessages.empty],
    ['auth example com', serverAddressMessages.notAnAddress],
    ['https://', serverAddressMessages.notAnAddress],
    ['https://..', serverAddressMessages.notAnAddress],
    ['ftp://auth.example.com', serverAddressMessages.notAnAddress],
    ['javascript://auth.example.com/%0aalert(1)', serverAddressMessages.notAnAddress],
    ['file:///etc/passwd', serverAddressMessages.notAnAddress],
    [`${'a'.repeat(2050)}.example`, serverAddressMessages.notAnAddress],
    ['https://ada:secret@auth.example.com', serverAddressMessages.credentials],
    ['http://auth.example.com', serverAddressMessages.plainHttp('auth.example.com')],
    ['http://10.0.0.5:4455', serverAddressMessages.plainHttp('10.0.0.5:4455')],
  ])('refuses %j with a sentence', (typed, message) => {
    expect(parseServerAddress(typed)).toEqual({ ok: false, message });
  });
});

describe('whether a typed server is one Latchkey can sign in to', () => {
  const origin = 'https://auth.other.example';
  const latchkeyMetadata = {
    issuer: origin,
    authorization_endpoint: `${origin}/desktop/authorize`,
    token_endpoint: `${origin}/api/auth/desktop/token`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
    desktop_session_endpoint: `${origin}/api/auth/get-session`,
    desktop_sign_out_endpoint: `${origin}/api/auth/sign-out`,
  };
  const { desktop_session_endpoint: _session, desktop_sign_out_endpoint: _signOut, ...plainOAuth } = latchkeyMetadata;
  const answering = (answer: () => Response | Promise<Response>): Http => async (input) => {
    expect(String(input)).toBe(`${origin}/.well-known/oauth-authorization-server`);
    return answer();
  };
  const check = (http: Http) => checkServer(http, origin, new RecordingLogger(), 300);
  const notLatchkey = { ok: false, code: 'not_a_latchkey_server', message: serverAddressMessages.notLatchkey('auth.other.example') };
  const unreachable = { ok: false, code: 'network_unavailable', message: serverAddressMessages.unreachable('auth.other.example') };

  it('accepts a server whose metadata names the desktop session endpoint', async () => {
    expect(await check(answering(() => Response.json(latchkeyMetadata)))).toMatchObject({ ok: true, endpoints: { issuer: origin, issRequired: true, source: 'metadata' } });
  });

  it.each([
    ['an OAuth server without the desktop endpoints', () => Response.json(plainOAuth)],
    ['a server with no metadata', () => new Response('Not found', { status: 404 })],
    ['a web page', faultAnswers.portalPage],
    ['a redirect elsewhere', faultAnswers.portalRedirect],
    ['metadata naming another issuer', () => Response.json({ ...latchkeyMetadata, issuer: 'https://auth.example.com' })],
    ['metadata with endpoints off the server', () => Response.json({ ...latchkeyMetadata, token_endpoint: 'https://evil.example/token' })],
    ['a block page', faultAnswers.filterBlock],
  ])('refuses %s as not a Latchkey server', async (_name, answer) => {
    expect(await check(answering(answer))).toEqual(notLatchkey);
  });

  it.each([
    ['a connection refused', () => Promise.reject(new TypeError('fetch failed'))],
    ['a body that stalls after its headers', faultAnswers.stallAfterHeaders],
    ['a body cut off halfway', faultAnswers.truncatedJson],
  ])('says the server cannot be reached on %s, within the deadline', async (_name, answer) => {
    expect(await check(answering(answer))).toEqual(unreachable);
  });
});
