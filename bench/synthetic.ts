// Deterministic synthetic e-library resources for the benchmark: titles and ~40-word English
// descriptions drawn from a vocabulary of VET terms with a Zipf-like distribution (a few terms are
// in most descriptions, most are rare), and facet values from the real vocabularies.

/** A small, fast, seeded PRNG (mulberry32), so every run builds the same library. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Ordered roughly from most to least frequent in VET literature; the Zipf weights follow this order.
export const terms: string[] = `
skills training vocational education learners centres excellence teachers employers quality
learning development programmes regional companies competences partnerships innovation digital
green sector apprenticeships labour market qualifications curriculum industry guidance assessment
framework network cooperation students trainers sustainability strategy employability upskilling
reskilling lifelong workplace entrepreneurship internationalisation governance funding inclusion
research applied smart specialisation ecosystem stakeholders certification accreditation mobility
validation recognition microcredentials modules pathways dual tertiary secondary providers
institutions chambers commerce unions social partners ministries agencies observatory forecasting
anticipation intelligence tracer graduates transition mentoring coaching onboarding internships
traineeships placements pedagogy didactics blended online platform toolkit handbook methodology
indicators benchmarking monitoring evaluation selfassessment audit standards descriptors outcomes
profiles occupations jobs vacancies shortages mismatch demand supply analysis survey mapping
scenario foresight roadmap action plan memorandum agreement charter consortium alliance cluster
hub incubator accelerator startups enterprises smes microenterprises family business tourism
hospitality gastronomy energy renewable solar wind hydrogen efficiency buildings retrofitting
construction water irrigation wastewater agriculture agrifood forestry wood furniture textiles
fashion automotive mobility logistics maritime aerospace defence microelectronics semiconductors
robotics automation mechatronics artificial intelligence data cybersecurity cloud software
programming coding healthcare nursing health technology pharmaceuticals biotechnology care
elderly disability migrants refugees women youth neet rural remote outermost disadvantaged
equity diversity gender wellbeing resilience circular economy waste recycling climate
biodiversity environment emissions decarbonisation heritage culture creative arts design media
finance banking insurance accounting economics procurement budget grants erasmus horizon interreg
structural funds investment leverage cofinancing sustainability reporting transparency
leadership management staff professional continuing induction recruitment retention careers
counselling orientation motivation engagement attendance dropout completion progression
articulation permeability credit transfer ecvet eqavet europass esco digcomp greencomp entrecomp
lifecomp eqf nqf referencing levels taxonomy ontology repository catalogue database portal
webinar mooc workshop hackathon bootcamp laboratory simulation virtual augmented reality
immersive gamification makerspace fablab prototyping testing piloting scaling mainstreaming
transfer replication peer review visits exchange twinning mentoring benchmarking
`
  .split(/\s+/)
  .filter(Boolean)
  .filter((t, i, all) => all.indexOf(t) === i);

const connectors = ['the', 'and', 'for', 'of', 'in', 'with', 'to', 'on', 'by', 'through', 'a', 'across', 'between', 'its'];

export const types = ['toolkit', 'good-practice', 'guideline', 'publication', 'database', 'course', 'agreement', 'strategy'];
const typeWeights = [20, 16, 18, 22, 5, 10, 4, 5];

export const themes = [
  'partnerships',
  'skills-ecosystems',
  'skills-anticipation',
  'work-based-learning',
  'applied-research',
  'innovation',
  'smart-specialisation',
  'internationalisation',
  'green-transition',
  'digital-transition',
  'lifelong-learning',
  'governance',
  'funding',
  'inclusion',
  'quality-assurance',
  'teaching-learning',
  'entrepreneurship',
];
export const sectors = [
  'tourism',
  'economics-finance',
  'energy',
  'microelectronics',
  'health-technology',
  'defence',
  'water',
  'wood-furniture',
  'social-economy',
];
export const countries = [
  'FR',
  'DE',
  'ES',
  'IT',
  'NL',
  'BE',
  'PT',
  'PL',
  'FI',
  'SE',
  'IE',
  'AT',
  'DK',
  'CZ',
  'GR',
  'RO',
  'HU',
  'SI',
  'HR',
  'EE',
  'LV',
  'LT',
  'MA',
  'TN',
  'EG',
  'JO',
  'LB',
  'DZ',
  'TR',
  'UA',
];
export const languages = ['en', 'fr', 'ar', 'de', 'es', 'it', 'nl', 'pt', 'pl'];
const languageWeights = [50, 15, 8, 6, 6, 5, 4, 3, 3];
export const sources = [
  'European Training Foundation',
  'European Commission',
  'Cedefop',
  'VET Toolbox',
  'ETF-CEDEFOP-ILO',
  'OECD',
  'UNESCO-UNEVOC',
  'ILO',
  'EfVET',
  'EVTA',
  'EURASHE',
  'ECOVEM',
  'SEED Sustainable Energy Education CoVE',
  'POVE Water COVE',
  'GREENOVET project',
  'Care about IT CoVE',
  'CATALYST CoVE',
  'B-WISE project',
  'ASSETTs+ project partnership',
  'ALLVIEW consortium',
  'TOURX CoVE',
  'EXELIA',
  'CoVEs for Automotive',
  'ENERGY CoVE',
  'DIGI-VET network',
  'Skills4Water',
  'FURN-CoVE',
  'Health-CoVE',
  'Agri-CoVE',
  'Maritime Skills Alliance',
  'Ministry of Education',
  'National VET Agency',
  'Regional Chamber of Commerce',
  'Platform of CoVEs',
  'Erasmus+ National Agency',
  'World Bank',
  'GIZ',
  'Enabel',
  'AFD',
  'Lux-Development',
];

function weighted<T>(items: T[], weights: number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** Cumulative Zipf-like weights over `terms` (rank r weighs 1/(r+10): the most frequent term is in about two thirds of descriptions, the rarest in a few per cent). */
const cumulative: number[] = (() => {
  const out: number[] = [];
  let sum = 0;
  for (let r = 0; r < terms.length; r++) out.push((sum += 1 / (r + 10)));
  return out.map((c) => c / sum);
})();

function zipfTerm(r: number): string {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return terms[lo]!;
}

function pickSome<T>(items: T[], n: number, random: () => number): T[] {
  const out = new Set<T>();
  for (let i = 0; out.size < n && i < n * 10; i++) out.add(items[Math.floor(random() * items.length)]!);
  return [...out];
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export interface SyntheticResource {
  slug: string;
  type: string;
  source: string;
  link: string;
  year: number | null;
  createdAt: string;
  title: string;
  description: string;
  themes: string[];
  sectors: string[];
  countries: string[];
  languages: string[];
  /** indexes into the list of real stations */
  stations: number[];
}

const BASE_TIME = Date.UTC(2026, 9, 1);

/** The i-th synthetic resource (deterministic). */
export function syntheticResource(i: number, stationCount: number): SyntheticResource {
  const random = rng(i * 7919 + 17);
  const titleWords = Array.from({ length: 3 + Math.floor(random() * 5) }, () => zipfTerm(random()));
  const title = `${capital(titleWords[0]!)} ${titleWords.slice(1).join(' ')}`;
  const words: string[] = [];
  while (words.length < 34 + Math.floor(random() * 12)) {
    words.push(zipfTerm(random()));
    if (random() < 0.45) words.push(connectors[Math.floor(random() * connectors.length)]!);
  }
  // Sentences of 8–14 words.
  const sentences: string[] = [];
  for (let k = 0; k < words.length;) {
    const n = 8 + Math.floor(random() * 7);
    const s = words.slice(k, k + n).join(' ');
    sentences.push(`${capital(s)}.`);
    k += n;
  }
  const slugBase = titleWords
    .join('-')
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 80);
  return {
    slug: `${slugBase}-${i + 1}`,
    type: weighted(types, typeWeights, random()),
    source: sources[Math.floor(Math.pow(random(), 2) * sources.length)]!,
    link: `https://resources.example.eu/${i + 1}`,
    year: random() < 0.2 ? null : 2008 + Math.floor(random() * 19),
    createdAt: new Date(BASE_TIME - i * 1_500_000).toISOString(),
    title,
    description: sentences.join(' '),
    themes: pickSome(themes, 1 + Math.floor(random() * 3), random),
    sectors: pickSome(sectors, Math.floor(random() * 3), random),
    countries: pickSome(countries, Math.floor(random() * 3), random),
    languages: [...new Set([weighted(languages, languageWeights, random()), ...(random() < 0.3 ? [weighted(languages, languageWeights, random())] : [])])],
    stations: pickSome(
      Array.from({ length: stationCount }, (_, k) => k),
      1 + Math.floor(random() * 2),
      random,
    ),
  };
}

/**
 * The two-facet searches the benchmark rotates through: a search word (a third each from the 30
 * most frequent terms, ranks 30–100 and the rest) with a type and a theme.
 */
export function searchQueries(count: number): { q: string; type: string; theme: string }[] {
  const random = rng(424242);
  const bands = [terms.slice(0, 30), terms.slice(30, 100), terms.slice(100)];
  return Array.from({ length: count }, (_, i) => {
    const band = bands[i % 3]!;
    return {
      q: band[Math.floor(random() * band.length)]!,
      type: weighted(types, typeWeights, random()),
      theme: themes[Math.floor(random() * themes.length)]!,
    };
  });
}

/** Drawing from lists with a seeded random: one item, or some distinct ones, the first of the list more often (as real profiles name common things). */
export function sampler(random: () => number) {
  return {
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!,
    some: <T>(xs: readonly T[], min: number, max: number): T[] => {
      const n = min + Math.floor(random() * (max - min + 1));
      const out = new Set<T>();
      while (out.size < Math.min(n, xs.length)) out.add(xs[Math.floor(random() ** 1.6 * xs.length)]!);
      return [...out];
    },
  };
}
