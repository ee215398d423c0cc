import { z } from 'zod';
import type { SignedInUser } from '../account/ports';

/**
 * What both token endpoints answer, the code exchange's and the device sign-in's: a bearer token
 * (RFC 6749 §5.1), the signed-in user as BetterAuth names them, and errors as `{ error }` (§5.2).
 */
export const bearerTokenFields = {
  access_token: z.string().min(1).max(4096),
  token_type: z.string().regex(/^bearer$/iu),
};

export const userBody = z.object({
  id: z.string().min(1),
  email: z.string().min(1),
  name: z.string().nullish(),
  image: z.string().nullish(),
});

export const errorBody = z.object({ error: z.string().max(64) });

/** A user without a name is shown by their email. */
export function signedInUser(user: z.infer<typeof userBody>): SignedInUser {
  return { id: user.id, email: user.email, name: user.name || user.email, image: user.image ?? null };
}
