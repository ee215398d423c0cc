import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import type { Logger } from '../../core/ports';
import type { ElectronApi } from '../electron-api';

/**
 * The popover's own origin. Electron's security checklist (#18, "avoid usage of the file protocol
 * and prefer usage of custom protocols") recommends this over file://, whose pages share one origin
 * with every file on disk; https://www.electronjs.org/docs/latest/tutorial/security
 */
export const appScheme = 'app';
export const popoverHost = 'popover';
export const popoverPageUrl = `${appScheme}://${popoverHost}/index.html`;

/**
 * standard: a tuple origin (`app://popover`), so relative URLs resolve and CSP's 'self' means this
 * host alone; secure: a secure context like https; corsEnabled: module scripts are fetched in CORS
 * mode, and ES module imports over a custom scheme are known to need it (freelensapp/freelens#2400,
 * measured on Electron 42); codeCache: V8's cache for the bundle. No fetch API (the CSP's
 * connect-src is 'none'), no bypassCSP, no service workers.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes
 */
export const appSchemeRegistration: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, corsEnabled: true, codeCache: true },
};

/** Only the kinds of file Vite writes into dist/renderer are served, each with its own type. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

function refused(status: 400 | 404 | 405, reason: string): Response {
  return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

/** The file under `root` that `pathname` names, or the reason it names none. */
export function rendererFile(root: string, pathname: string): { file: string } | { refused: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 'malformed path' };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  // The URL parser has already folded "..": one left after decoding was hidden as %2e%2e or %2f.
  if (segments.some((segment) => segment === '..' || segment === '.' || /[\\\0:]/u.test(segment))) return { refused: 'path escapes the renderer' };
  const file = resolve(root, ...segments);
  const inside = relative(resolve(root), file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { refused: 'path escapes the renderer' };
  if (!contentTypes[extname(file)]) return { refused: 'not a renderer file' };
  return { file };
}

/**
 * Answers one request for the popover's files: GET or HEAD on `app://popover/…`, a file inside the
 * renderer folder with its content type, and a plain refusal for anything else.
 */
export async function rendererResponse(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refused(405, 'method not allowed');
  const url = new URL(request.url);
  if (url.protocol !== `${appScheme}:` || url.host.toLowerCase() !== popoverHost) return refused(404, 'unknown host');
  const found = rendererFile(root, url.pathname);
  if ('refused' in found) return refused(found.refused === 'malformed path' ? 400 : 404, found.refused);
  let body: Buffer;
  try {
    body = await readFile(found.file);
  } catch {
    return refused(404, 'not found');
  }
  const headers = {
    'content-type': contentTypes[extname(found.file)]!,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/** Before `ready`: Electron reads the privileged schemes once, when it starts its renderers. */
export function registerAppScheme(protocol: Pick<ElectronApi['protocol'], 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([appSchemeRegistration]);
}

/**
 * After `ready`: serves dist/renderer on `app://popover`; returns the disposer.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */
export function serveRenderer(protocol: ElectronApi['protocol'], rendererIndex: string, logger: Logger): () => void {
  const root = join(rendererIndex, '..');
  protocol.handle(appScheme, async (request) => {
    const response = await rendererResponse(request, root);
    if (!response.ok) logger.log('warn', 'Popover file refused', { status: response.status, path: new URL(request.url).pathname });
    return response;
  });
  return () => protocol.unhandle(appScheme);
}
