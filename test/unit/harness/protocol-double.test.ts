import { describe, expect, it } from 'vitest';
import { appSchemeRegistration, popoverPageUrl } from '../../../src/main/adapters/app-protocol';
import { ProtocolDouble } from '../../harness/protocol-double';

/** The double must refuse what Electron refuses, or a wrong order in main.ts would pass the tests. */
describe('the protocol double', () => {
  it('takes privileged schemes before ready only, and only once', () => {
    let ready = false;
    const protocol = new ProtocolDouble(() => ready);
    protocol.registerSchemesAsPrivileged([appSchemeRegistration]);
    expect(() => protocol.registerSchemesAsPrivileged([appSchemeRegistration])).toThrow(/only once/u);
    ready = true;
    expect(() => new ProtocolDouble(() => ready).registerSchemesAsPrivileged([appSchemeRegistration])).toThrow(/before the app is ready/u);
  });

  it('takes handlers after ready only, one per scheme', () => {
    let ready = false;
    const protocol = new ProtocolDouble(() => ready);
    const handler = () => new Response('');
    expect(() => protocol.handle('app', handler)).toThrow(/after the app is ready/u);
    ready = true;
    protocol.handle('app', handler);
    expect(() => protocol.handle('app', handler)).toThrow('Failed to register protocol: app');
  });

  it('maps a standard secure scheme to a secure stand-in origin and back, and refuses a non-standard one', () => {
    let ready = false;
    const protocol = new ProtocolDouble(() => ready);
    protocol.registerSchemesAsPrivileged([appSchemeRegistration, { scheme: 'plain', privileges: {} }]);
    ready = true;
    expect(protocol.toChromium(popoverPageUrl), 'no handler yet: Chromium gets the URL as it is').toBe(popoverPageUrl);
    protocol.handle('app', () => new Response(''));
    protocol.handle('plain', () => new Response(''));
    const standIn = protocol.toChromium(`${popoverPageUrl}?x=1#y`);
    expect(standIn).toBe('https://popover.app-scheme.invalid/index.html?x=1#y');
    expect(protocol.fromChromium(standIn)).toBe(`${popoverPageUrl}?x=1#y`);
    expect(protocol.fromChromium('https://attacker.example/')).toBe('https://attacker.example/');
    expect(() => protocol.toChromium('plain://thing/index.html')).toThrow(/registered as standard/u);
  });
});
