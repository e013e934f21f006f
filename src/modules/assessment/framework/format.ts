import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// The self-assessment framework as data: dimensions → criteria → indicators, in YAML under
// content/frameworks/ (`<slug>.en.yml` with everything, `<slug>.fr.yml` and `<slug>.ar.yml` with
// the translated texts keyed by id). An indicator is a plain-language statement with an
// explanation and an example, the stakeholder groups it is asked of, whether it is in the short
// core set for a first round, and links to the stations, actions and resources that help.

export const stakeholderGroups = ['leaders', 'teachers', 'staff', 'learners', 'companies', 'alumni'] as const;
export type StakeholderGroup = (typeof stakeholderGroups)[number];

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
const text = z.string().trim().min(1);
const station = z.string().regex(/^package-\d+-station-\d+$/, 'must name a station such as package-2-station-1');
/** An action: its station, then the group and the action within it, counted from 1. */
const action = z.string().regex(/^package-\d+-station-\d+\/\d+\/\d+$/, 'must name an action such as package-2-station-1/2/3 (station, group, action)');

export const indicatorSchema = z.object({
  id,
  statement: text.max(300),
  explanation: text.max(1200),
  groups: z.array(z.enum(stakeholderGroups)).min(1),
  core: z.boolean().default(false),
  stations: z.array(station).default([]),
  actions: z.array(action).default([]),
  resources: z.array(id).default([]),
});

export const criterionSchema = z.object({ id, title: text.max(200), description: text.max(1200), indicators: z.array(indicatorSchema).min(1) });
export const dimensionSchema = z.object({ id, title: text.max(200), description: text.max(1200), criteria: z.array(criterionSchema).min(1) });

export const frameworkFile = z.object({
  slug: id,
  title: text.max(200),
  description: text.max(2000),
  dimensions: z.array(dimensionSchema).min(1),
});

const texts = <T extends z.ZodRawShape>(shape: T) => z.record(id, z.object(shape).partial());
export const frameworkTranslation = z.object({
  title: text.max(200).optional(),
  description: text.max(2000).optional(),
  dimensions: texts({ title: text.max(200), description: text.max(1200) }).default({}),
  criteria: texts({ title: text.max(200), description: text.max(1200) }).default({}),
  indicators: texts({ statement: text.max(300), explanation: text.max(1200) }).default({}),
});

export type FrameworkFile = z.infer<typeof frameworkFile>;
export type FrameworkTranslation = z.infer<typeof frameworkTranslation>;

export class FrameworkError extends Error {}

/** Parses one YAML file against a schema; problems name the file and the field. */
export function parseFrameworkYaml<S extends z.ZodType>(schema: S, source: string, file: string): z.infer<S> {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    throw new FrameworkError(`${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FrameworkError(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}
