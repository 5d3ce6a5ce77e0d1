import type { User } from '@ankommen/db';
import { z } from 'zod';

/** Versions are PostgreSQL integers from 1. */
const maxVersion = 2_147_483_647;
export const Version = z.number().int().min(1).max(maxVersion);

/** A required JSON body for an OpenAPI route. */
export const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

/** A user as the API shows it: never with the password hash. */
export const userView = (user: User) => ({
  id: user.id,
  email: user.email,
  role: user.role,
  partnerAgencyId: user.partnerAgencyId,
  active: user.active,
  createdAt: user.createdAt.toISOString(),
});
