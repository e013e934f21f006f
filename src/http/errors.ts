import type { z } from 'zod';

/** A problem with what the visitor asked for; rendered as a 400 page listing what was wrong. */
export class BadRequestError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(`bad request: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
    this.problems = problems;
  }
}

/** Signed in, but not allowed to do this. */
export class ForbiddenError extends Error {
  constructor() {
    super('forbidden');
  }
}

export class NotFoundError extends Error {
  constructor(what = 'page') {
    super(`not found: ${what}`);
  }
}

/** One invalid input: which field, which rule, and the numbers a message needs. */
export interface Problem {
  field: string;
  code: 'invalid' | 'too_big' | 'too_small' | 'too_long' | 'not_one_of';
  limit?: number;
  options?: string[];
}

export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || 'input';
    switch (issue.code) {
      case 'too_big':
        return issue.origin === 'string' || issue.origin === 'array'
          ? { field, code: 'too_long', limit: Number(issue.maximum) }
          : { field, code: 'too_big', limit: Number(issue.maximum) };
      case 'too_small':
        return { field, code: 'too_small', limit: Number(issue.minimum) };
      case 'invalid_value':
        return { field, code: 'not_one_of', options: issue.values.map(String) };
      default:
        return { field, code: 'invalid' };
    }
  });
}

/** Validates input against a schema; the handler receives typed, trusted data. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new BadRequestError(problemsOf(result.error));
  return result.data;
}
