/** The sentences the sign-in flow gives the user, in one place. */
export const signInMessages = {
  timedOut: 'Sign-in timed out.',
  cancelledInBrowser: 'Sign-in cancelled in the browser.',
  refusedByServer: (error: string) => `The sign-in server refused the request (${error}). Please try again.`,
  codeRejected: 'The sign-in code was not accepted. It may have expired or been used already; please sign in again.',
  pastedCodeRejected: 'That code was not accepted. Check that you copied the whole code, or start the sign-in again.',
  pastedCodeMalformed: 'That does not look like a sign-in code. Copy the code shown on the sign-in page.',
  unreachable: 'The sign-in server could not be reached. Paste the code from the browser page to try again.',
  certificateRefused: "The sign-in server's certificate was not trusted, so Latchkey did not send the code. Check the date and time, or ask whoever runs this network.",
  serverError: 'The sign-in server had a problem. Paste the code from the browser page to try again.',
  malformedAnswer: 'The sign-in server answered in a way Latchkey does not understand. Please sign in again.',
  noPendingSignIn: 'No sign-in is in progress.',
  cannotSave: 'Latchkey could not save the sign-in attempt. Please try again.',
  cannotOpenBrowser: 'Latchkey could not open your browser. Please try again.',
  loopbackUnavailable: 'Latchkey could not listen for the browser on this computer. Use the sign-in link instead.',
} as const;
