import type { DB } from '../../../db/database.ts';
import type { PageContext } from '../../../http/context.ts';
import type { Lang } from '../../../i18n/languages.ts';
import * as centresRepo from '../../centres/repository.ts';
import type { KnowledgeService, Package } from '../../knowledge/service.ts';
import type { CentreAccess, RoundPage } from '../access.ts';
import { inLang } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { getPlan, type Plan } from '../plans/repository.ts';
import { roundsOf, type RoundRow } from '../repository.ts';
import { loadRound, type Access, type LoadedRound } from '../round.ts';
import { invitationCounts } from '../rounds/repository.ts';
import { averages, MIN_CENTRES, type Benchmark } from './benchmark.ts';
import { reportCsv } from './csv.ts';
import { recommendations, type Recommendation } from './recommendations.ts';
import { intakeOf, planExists, setOptOut } from './repository.ts';
import { resultsOf } from './results.ts';
import type { ReportQuery } from './schemas.ts';
import type { RoundResults } from './scoring.ts';

// A round's report: everything its page and its PDF show (results, recommendations, progress
// since an earlier round of the centre, the benchmark against other centres), and its CSV. The
// caller has found the round through access.ts, so the person may read it.

/** A group's participation and how its released responses came in (docs/decisions/0006). */
export interface GroupIntake {
  group: StakeholderGroup;
  access: Access;
  /** responses sent, released or not */
  sent: number;
  /** responses in these results */
  released: number;
  /** sent but held back: fewer than the round's minimum arrived since the last release, or the round is still open */
  held: number;
  /** people invited, for a group that answers by invitation */
  invited: number | null;
  /** of the released responses: through the open link, by invitation, from a member's browser, in a burst from one address */
  link: number;
  invitation: number;
  member: number;
  burst: number;
}

export interface ReportData {
  page: RoundPage;
  results: RoundResults;
  intake: GroupIntake[];
  recommendations: Recommendation[];
  packages: Package[];
  /** other rounds of the centre with sent answers, for "compare with" */
  others: RoundRow[];
  compare: { round: RoundRow; results: RoundResults } | null;
  benchmark: Benchmark | null;
  hasPlan: boolean;
}

export function reportService(db: DB, knowledge: KnowledgeService) {
  /** The benchmark of a centre's round: all centres, its country, one of its sectors. */
  async function benchmarkOf(r: RoundPage, results: RoundResults, sector: string | undefined, l: PageContext): Promise<Benchmark | null> {
    if (results.overall.all === null) return null;
    const lang: Lang = l.lang;
    const sectors = await centresRepo.sectorsOf(db, r.centre.id);
    const names = new Map([...(await knowledge.vocabulary('sectors', lang))].map(([key, label]) => [key, label.value]));
    const chosen = sector && sectors.includes(sector) ? sector : (sectors[0] ?? null);
    const found = await averages(db, { exceptCentre: r.centre.id, country: r.centre.country, sector: chosen });
    const columns = [
      { key: 'all' as const, label: l.t('report.benchmark.all'), data: found.all },
      { key: 'country' as const, label: l.t('report.benchmark.country', { country: l.format.country(r.centre.country) }), data: found.country },
      ...(chosen ? [{ key: 'sector' as const, label: l.t('report.benchmark.inSector', { sector: names.get(chosen) ?? chosen }), data: found.sector }] : []),
    ];
    const keys: { scope: string; key: string; label: { value: string; lang: Lang }; own: number | null }[] = [
      { scope: 'overall', key: 'overall', label: { value: l.t('report.overall'), lang }, own: results.overall.all },
      ...results.dimensions.flatMap((d) => [
        { scope: 'dimension', key: d.dimension.id, label: inLang(d.dimension.title, l), own: d.score.all },
        ...d.criteria.map((c) => ({ scope: 'criterion', key: c.criterion.id, label: inLang(c.criterion.title, l), own: c.score.all })),
      ]),
    ];
    return {
      minCentres: MIN_CENTRES,
      scopes: columns.map((c) => ({ key: c.key, label: c.label, centres: c.data.get('overall:overall')?.centres ?? 0 })),
      rows: keys.map((k) => ({
        label: k.label,
        own: k.own,
        others: columns.map((c) => {
          const v = c.data.get(`${k.scope}:${k.key}`);
          return v && v.centres >= MIN_CENTRES ? v.score : null;
        }),
      })),
      sectors: sectors.map((s) => ({ key: s, label: names.get(s) ?? s })),
      sector: chosen,
      optedOut: Number(r.centre.benchmark_opt_out) === 1,
    };
  }

  /** Each group's participation, and how the responses in the results came in. */
  async function intakeOfRound(loaded: LoadedRound): Promise<GroupIntake[]> {
    const [rows, invited] = await Promise.all([intakeOf(db, loaded.round.id), invitationCounts(db, loaded.round.id)]);
    return loaded.groups.map((g) => {
      const mine = rows.filter((x) => x.grp === g.group && x.released);
      const sum = (keep: (x: (typeof mine)[number]) => boolean) => mine.filter(keep).reduce((n, x) => n + x.n, 0);
      return {
        group: g.group,
        access: g.access,
        sent: g.sent,
        released: g.released,
        held: g.sent - g.released,
        invited: g.access === 'invitation' ? (invited.get(g.group)?.invited ?? 0) : null,
        link: sum((x) => x.channel === 'link'),
        invitation: sum((x) => x.channel === 'invitation'),
        member: sum((x) => x.member),
        burst: sum((x) => x.burst),
      };
    });
  }

  return {
    results: (loaded: LoadedRound): Promise<RoundResults> => resultsOf(db, loaded),

    /** Everything the report shows, for its page and its PDF; `compare` names another round of the same centre with answers. */
    async report(r: RoundPage, q: ReportQuery, l: PageContext): Promise<ReportData> {
      const results = await resultsOf(db, r.loaded);
      const [{ recommendations: recs, packages }, list, hasPlan, intake] = await Promise.all([
        recommendations(db, knowledge, l.lang, results),
        roundsOf(db, r.centre.id),
        planExists(db, r.loaded.round.id),
        intakeOfRound(r.loaded),
      ]);
      const others = list.filter((x) => x.id !== r.loaded.round.id && x.sent > 0);
      let compare = null;
      if (q.compare !== undefined && others.some((x) => x.id === q.compare)) {
        const other = await loadRound(db, q.compare);
        if (other) compare = { round: other.round, results: await resultsOf(db, other) };
      }
      return { page: r, results, intake, recommendations: recs, packages, others, compare, benchmark: await benchmarkOf(r, results, q.sector, l), hasPlan };
    },

    /** The round's development plan, if it has one (the PDF carries it). */
    plan: (roundId: number): Promise<Plan | null> => getPlan(db, roundId),

    /** The report's figures as CSV, with its file name. */
    async csv(r: RoundPage, l: PageContext): Promise<{ filename: string; body: string }> {
      const results = await resultsOf(db, r.loaded);
      const body = reportCsv(results, l.lang, (grp) => (grp === 'all' ? l.t('report.allGroups') : l.t(`assessment.groupName.${grp}`)));
      return { filename: `self-assessment-${r.centre.slug}-${r.loaded.round.id}.csv`, body };
    },

    /** Whether the centre's finished rounds count in other centres' benchmarks; its administrators decide. */
    async countInBenchmarks(c: CentreAccess, count: boolean): Promise<'done' | 'forbidden'> {
      if (!c.manage) return 'forbidden';
      await setOptOut(db, c.centre.id, !count);
      return 'done';
    },
  };
}

export type ReportService = ReturnType<typeof reportService>;
