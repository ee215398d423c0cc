import type { BrowserContext, Page } from 'playwright-core';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { requestDeviceCode } from '../server/device-flow';
import { startHost, type Host } from '../server/host';
import { acmeBrand } from '../server/fixtures/acme-brand';
import { enrolTotp } from '../server/two-factor-user';
import type { Display, GallerySection, Shot } from './gallery';
import { serverPages } from './server-pages';

/** The people on the pictures: one with a password only, one with an authenticator app. */
interface Cast {
  server: TestAuthServer;
  ada: TestUser;
  grace: TestUser;
  /** A host of its own, Acme, with its mark and accent on the pages. */
  acme: Host;
  /** A host that limits requests as one in production does: one view of the sign-in a minute. */
  limited: Host;
}

interface ServerShot extends Shot {
  /** The name beside the mark, when it is not Latchkey's (a host's brand). */
  brand?: string;
  /** Drives the browser to the page as a person would; answers the page to picture. */
  visit(context: BrowserContext, cast: Cast): Promise<Page>;
}

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function signIn(page: Page, person: { email: string; password: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password').fill(person.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('domcontentloaded');
}

/** Signed in as Ada, on the consent page of a fresh request. */
async function consent(context: BrowserContext, cast: Cast): Promise<Page> {
  const page = await open(context, cast.server.authorizeUrl({}));
  await signIn(page, cast.ada);
  await page.getByRole('button', { name: /^Continue to Latchkey as / }).waitFor();
  return page;
}

async function handBack(context: BrowserContext, cast: Cast, decision: 'approve' | 'deny'): Promise<Page> {
  const page = await consent(context, cast);
  await page.getByRole('button', { name: decision === 'approve' ? /^Continue to Latchkey as / : 'Cancel' }).click();
  // The page's refresh sends Chromium to the custom scheme, which nothing handles here: it stays.
  await page.getByRole('link', { name: 'Return to Latchkey' }).waitFor();
  return page;
}

/** Signed in as Ada on the device page of a fresh device code, as its link opens it. */
async function deviceConfirm(context: BrowserContext, cast: Cast): Promise<Page> {
  const { body: code } = await requestDeviceCode(cast.server);
  const page = await open(context, code.verification_uri_complete);
  await signIn(page, cast.ada);
  await page.getByRole('heading', { name: 'Sign in to Latchkey on your computer?' }).waitFor();
  return page;
}

async function accountSignIn(context: BrowserContext, cast: Cast, person: TestUser): Promise<Page> {
  const page = await open(context, `${cast.server.url}/account`);
  await signIn(page, person);
  return page;
}

export const serverShots: readonly ServerShot[] = [
  { name: 'server-sign-in', state: 'signInScreen', alt: 'Sign in to continue to Latchkey, or continue with GitHub, with a link to create an account', visit: (context, cast) => open(context, cast.server.authorizeUrl({})) },
  {
    name: 'server-sign-in-refused',
    state: 'signInScreen',
    alt: 'A wrong password: the email kept and a sentence saying what to do',
    async visit(context, cast) {
      const page = await open(context, cast.server.authorizeUrl({}));
      await signIn(page, { email: cast.ada.email, password: 'not the password' });
      await page.getByRole('alert').waitFor();
      return page;
    },
  },
  {
    name: 'server-create-account',
    state: 'createAccountScreen',
    alt: 'Create an account, with the password rules shown before sending',
    async visit(context, cast) {
      const page = await open(context, cast.server.authorizeUrl({}));
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('form', { name: 'Create an account' }).waitFor();
      return page;
    },
  },
  {
    name: 'server-provider-redirect',
    state: 'providerRedirectScreen',
    alt: 'Continuing to GitHub, with a link for when the browser does not move on',
    async visit(context, cast) {
      // A 204 to the refresh: the browser stays on the page, as it shows while GitHub loads.
      await context.route('https://github.com/**', (route) => route.fulfill({ status: 204 }));
      const page = await open(context, cast.server.authorizeUrl({}));
      await page.getByRole('button', { name: 'Continue with GitHub' }).click();
      await page.getByRole('link', { name: 'Continue to GitHub' }).waitFor();
      return page;
    },
  },
  {
    name: 'server-two-factor',
    state: 'secondFactorScreen',
    alt: 'Enter the code from your authenticator app, or a backup code',
    async visit(context, cast) {
      const page = await open(context, cast.server.authorizeUrl({}));
      await signIn(page, cast.grace);
      await page.getByLabel('Code from your authenticator app').waitFor();
      return page;
    },
  },
  { name: 'server-consent', state: 'consentScreen', alt: 'Continue to Latchkey as the signed-in account, Cancel, or use another account', visit: consent },
  {
    name: 'server-choose-account',
    state: 'accountChooserScreen',
    alt: 'Choose an account to continue to Latchkey: continue as the signed-in account, use another account, or cancel',
    async visit(context, cast) {
      // An app adding an account asks prompt=select_account over the browser's live session.
      await (await consent(context, cast)).close();
      const page = await open(context, cast.server.authorizeUrl({ prompt: 'select_account' }));
      await page.getByRole('heading', { name: 'Choose an account to continue to Latchkey' }).waitFor();
      return page;
    },
  },
  {
    name: 'server-hand-back',
    state: 'handBackScreen',
    alt: 'Signed in: Return to Latchkey, and the code to paste with a Copy button that says Copied',
    async visit(context, cast) {
      const page = await handBack(context, cast, 'approve');
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cast.server.url });
      await page.getByRole('button', { name: 'Copy code' }).click();
      await page.getByRole('status').getByText('Copied').waitFor();
      return page;
    },
  },
  { name: 'server-hand-back-cancelled', state: 'handBackScreen', alt: 'Sign-in cancelled, with Return to Latchkey', visit: (context, cast) => handBack(context, cast, 'deny') },
  { name: 'device-entry', state: 'deviceEntryScreen', alt: 'Sign in with another device: type the code your computer shows', visit: (context, cast) => open(context, `${cast.server.url}/device`) },
  {
    name: 'device-problem',
    state: 'deviceProblemScreen',
    alt: 'A device code that cannot go on, the code kept in the field',
    async visit(context, cast) {
      const page = await open(context, `${cast.server.url}/device`);
      await page.getByLabel('Code shown on your computer').fill('cdfh-jkmn');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('alert').waitFor();
      return page;
    },
  },
  { name: 'device-confirm', state: 'deviceConfirmScreen', alt: 'Sign in to Latchkey on your computer? The code to check, and a warning', visit: deviceConfirm },
  {
    name: 'device-approved',
    state: 'deviceOutcomeScreen',
    alt: 'Latchkey is signing in: go back to your computer',
    async visit(context, cast) {
      const page = await deviceConfirm(context, cast);
      await page.getByRole('button', { name: 'Sign in to Latchkey' }).click();
      await page.getByRole('heading', { name: 'Latchkey is signing in' }).waitFor();
      return page;
    },
  },
  {
    name: 'server-branded',
    state: 'createAccountScreen',
    brand: 'Acme',
    alt: 'A host’s own brand: Acme’s mark and teal accent on the create-account page',
    async visit(context, cast) {
      const page = await open(context, cast.acme.authorizeUrl({ prompt: 'create' }));
      await page.getByRole('form', { name: 'Create an account' }).waitFor();
      return page;
    },
  },
  { name: 'server-error', state: 'errorScreen', alt: 'A sign-in request from an unknown app, refused', visit: (context, cast) => open(context, cast.server.authorizeUrl({ client_id: 'unknown-app' })) },
  {
    name: 'server-too-many-attempts',
    state: 'waitScreen',
    alt: 'Too many attempts from this address, with how many seconds to wait',
    async visit(context, cast) {
      const page = await open(context, cast.limited.authorizeUrl());
      await page.reload();
      await page.getByRole('heading', { name: 'Too many attempts' }).waitFor();
      return page;
    },
  },
  { name: 'server-home', state: 'homePage', alt: 'The server’s home page: ready, with a link to your account', visit: (context, cast) => open(context, `${cast.server.url}/`) },
  { name: 'account-signed-out', state: 'signedOutScreen', alt: 'Your account: sign in', visit: (context, cast) => open(context, `${cast.server.url}/account`) },
  {
    name: 'account-overview',
    state: 'overviewScreen',
    alt: 'Your account, signed in: turn on two-factor authentication',
    async visit(context, cast) {
      const page = await accountSignIn(context, cast, cast.ada);
      await page.getByText('Off: your password alone signs you in.').waitFor();
      return page;
    },
  },
  {
    name: 'account-enrolment',
    state: 'enrolmentScreen',
    alt: 'Set up your authenticator app: a QR code, the key and backup codes',
    async visit(context, cast) {
      const page = await accountSignIn(context, cast, cast.ada);
      const form = page.getByRole('form', { name: 'Turn on two-factor authentication' });
      await form.getByLabel('Password').fill(cast.ada.password);
      await form.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
      await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
      return page;
    },
  },
  {
    name: 'account-code',
    state: 'codeScreen',
    alt: 'Your account: enter the code from your authenticator app',
    async visit(context, cast) {
      const page = await accountSignIn(context, cast, cast.grace);
      await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
      return page;
    },
  },
];

/** A phone-wide window, short, so each full-page picture is as tall as its page's content. */
const galleryDisplay: Display = { viewport: { width: 390, height: 360 }, deviceScaleFactor: 1 };

/** Every page the server answers, from the real reference server in real Chromium. */
export const serverSection: GallerySection = {
  name: 'server',
  states: serverPages,
  shots: serverShots,
  async open(theme, display = galleryDisplay) {
    // A social provider, so the sign-in view shows its button as many hosts' do.
    const server = await startAuthServer({ social: { github: { clientId: 'gallery-client', clientSecret: 'gallery-secret' } } });
    const [ada, grace] = await Promise.all([
      server.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' }),
      server.createUser({ email: 'grace@example.com', name: 'Grace Hopper' }),
    ]);
    await enrolTotp(server.server.auth.api, grace);
    const [acme, limited] = await Promise.all([
      startHost({ auth: { appName: 'Acme' }, handoff: { brand: acmeBrand } }),
      startHost({ auth: { rateLimit: { enabled: true, storage: 'memory' } }, handoff: { rateLimit: { authorize: { window: 60, max: 1 } } } }),
    ]);
    const cast: Cast = { server, ada, grace, acme, limited };
    let chromium: Chromium | null = null;
    return {
      async take(plain) {
        const shot = serverShots.find((each) => each.name === plain.name);
        if (!shot) throw new Error(`The server has no shot named ${plain.name}`);
        // Each picture starts in a fresh profile: no cookie from the previous one.
        await chromium?.close();
        chromium = await launchChromium({ colorScheme: theme, ...display });
        const page = await shot.visit(chromium.context, cast);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        return { png: await page.screenshot({ fullPage: true }), page };
      },
      async close() {
        await chromium?.close();
        await Promise.all([server.close(), acme.close(), limited.close()]);
      },
    };
  },
};
