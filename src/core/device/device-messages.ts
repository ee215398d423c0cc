/** The sentences the device sign-in gives the user, in one place. */
export const deviceMessages = {
  notOffered: 'Your sign-in server does not offer sign-in with another device. Use "Sign in with browser" instead.',
  cannotStart: 'Latchkey could not reach the sign-in server to get a code. Check your connection and try again.',
  serverRefused: (error: string) => `The sign-in server refused to start a device sign-in (${error}).`,
  malformedStart: 'The sign-in server answered in a way Latchkey does not understand. Use "Sign in with browser" instead.',
  cannotSave: 'Latchkey could not save the sign-in attempt. Please try again.',
  denied: 'Sign-in was declined on your other device.',
  expired: 'The code expired before it was approved. Start again to get a new one.',
  refused: (error: string) => `The sign-in server ended the sign-in (${error}). Please start again.`,
  unfinished: 'Your other device approved the sign-in, but Latchkey could not finish it. Please start again.',
  replacedBrowser: 'The sign-in in your browser was cancelled, so that you can finish it on another device.',
  replacedDevice: 'The sign-in on another device was cancelled, so that you can finish it in your browser.',
} as const;
