import { z } from 'zod';

// Addresses of the framework's pages: the public page and the back-office editor.

export const frameworkQuery = z.object({ core: z.enum(['1']).optional() });

export const frameworkParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
export const itemParams = frameworkParams.extend({ kind: z.enum(['dimension', 'criterion', 'indicator']), id: z.string().regex(/^[a-z0-9-]{1,80}$/) });
export const newIndicatorParams = frameworkParams.extend({ criterion: z.string().regex(/^[a-z0-9-]{1,80}$/) });
