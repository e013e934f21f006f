import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import type { Lang } from '../../i18n/languages.ts';
import { exampleNames } from '../../ui/components/examples.ts';
import { designSystemView } from './view.ts';

// /{lang}/design-system: every component's examples, for people building pages and for the
// tests (?example=<name> shows one alone). Public but not indexed, not in the sitemap or the menu.

const query = z.object({
  example: z
    .string()
    .max(80)
    .regex(/^[a-z0-9-]+$/)
    .optional(),
});

export function designSystemRoutes(app: FastifyInstance, a: AppContext, lang: Lang): void {
  app.get('/design-system', (req, reply) => {
    const { example } = parse(query, req.query);
    if (example !== undefined && !exampleNames.includes(example)) throw new NotFoundError(`example ${example}`);
    const key = `/${lang}/design-system${example ? `?example=${example}` : ''}`;
    return a.cachedPage(req, reply, () => Promise.resolve(designSystemView(a.ctx(req, lang), example)), key);
  });
}
