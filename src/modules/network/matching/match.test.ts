import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pageContext } from '../../../http/context.ts';
import { centreSeeker, NO_SHARED_LANGUAGE, suggest, type MatchProfile, type MatchSeeker, type Reason } from './match.ts';
import { reasonsText } from './reasons.ts';

// Partner suggestions and their reasons, on hand-made profiles, without a database.

let next = 1;
/** A centre profile in one line: a French VET school sharing nothing unless told. */
const centre = (p: Partial<MatchProfile> = {}): MatchProfile => ({
  id: next++,
  country: 'FR',
  type: 'vet-school',
  sectors: [],
  eqfLevels: [],
  languages: [],
  offers: [],
  seeks: [],
  maturity: null,
  ...p,
});
const ids = (xs: { id: number }[]) => xs.map((x) => x.id);

describe('partner suggestions', () => {
  test('a centre that offers what you seek ranks above one that only shares a sector', () => {
    const me = centre({ seeks: ['learner-mobility'], sectors: ['tourism'] });
    const sectorOnly = centre({ sectors: ['tourism'] });
    const offers = centre({ offers: ['learner-mobility'] });
    const out = suggest(centreSeeker(me), [sectorOnly, offers], { limit: 10 });
    assert.deepEqual(ids(out), [offers.id, sectorOnly.id]);
    assert.deepEqual(out[0]!.reasons, [{ kind: 'offers-what-you-seek', topics: ['learner-mobility'] }]);
  });

  test('a centre that seeks what you offer is suggested too: the match goes both ways', () => {
    const me = centre({ offers: ['teacher-training'] });
    const wants = centre({ seeks: ['teacher-training', 'peer-review'] });
    const out = suggest(centreSeeker(me), [wants], { limit: 10 });
    assert.deepEqual(out[0]!.reasons, [{ kind: 'seeks-what-you-offer', topics: ['teacher-training'] }]);
  });

  test('reasons come strongest first', () => {
    const me = centre({ seeks: ['work-placements'], sectors: ['tourism'], languages: ['fr'], eqfLevels: [4] });
    const other = centre({ seeks: [], offers: ['work-placements'], sectors: ['tourism'], languages: ['fr'], eqfLevels: [4], country: 'PT' });
    const [s] = suggest(centreSeeker(me, { wantedCountries: ['PT'] }), [other], { limit: 1 });
    assert.deepEqual(
      s!.reasons.map((r) => r.kind),
      ['offers-what-you-seek', 'wanted-country', 'shared-sectors', 'shared-languages', 'shared-eqf'],
    );
  });

  test('a candidate with no reason at all is not suggested', () => {
    const me = centre({ seeks: ['learner-mobility'], sectors: ['tourism'] });
    const unrelated = centre({ offers: ['applied-research'], sectors: ['energy'] });
    assert.deepEqual(suggest(centreSeeker(me), [unrelated], { limit: 10 }), []);
  });

  test('sharing only a language or EQF levels is not enough to be suggested', () => {
    const me = centre({ seeks: ['learner-mobility'], languages: ['en'], eqfLevels: [4] });
    const onlyCommon = centre({ languages: ['en'], eqfLevels: [4] });
    assert.deepEqual(suggest(centreSeeker(me), [onlyCommon], { limit: 10 }), []);
  });

  test('a centre with no working language in common falls behind one you can talk to', () => {
    const me = centre({ seeks: ['learner-mobility'], sectors: ['tourism'], languages: ['fr'] });
    const strongButApart = centre({ offers: ['learner-mobility'], sectors: ['tourism'], languages: ['pl'] });
    const weakerButTogether = centre({ sectors: ['tourism'], languages: ['fr', 'en'] });
    const out = suggest(centreSeeker(me), [strongButApart, weakerButTogether], { limit: 10 });
    assert.deepEqual(ids(out), [weakerButTogether.id, strongButApart.id]);
    assert.equal(out[1]!.score, (10 + 4) * NO_SHARED_LANGUAGE);
  });

  test('a centre that names no languages is not held back for it', () => {
    const me = centre({ seeks: ['learner-mobility'], languages: ['fr'] });
    const silent = centre({ offers: ['learner-mobility'] });
    assert.equal(suggest(centreSeeker(me), [silent], { limit: 1 })[0]!.score, 10);
  });

  test('wanted countries bring centres from a country the consortium lacks', () => {
    const me = centre({ sectors: ['tourism'] });
    const france = centre({ sectors: ['tourism'], country: 'FR' });
    const portugal = centre({ sectors: ['tourism'], country: 'PT' });
    const elsewhere = centre({ country: 'PT' });
    const out = suggest(centreSeeker(me, { wantedCountries: ['PT', 'RO'] }), [france, portugal, elsewhere], { limit: 10 });
    assert.deepEqual(ids(out), [portugal.id, elsewhere.id, france.id]);
    assert.deepEqual(out[1]!.reasons, [{ kind: 'wanted-country', country: 'PT' }]);
  });

  test('a request for a kind of organisation brings that kind first', () => {
    const request: MatchSeeker = {
      self: null,
      seeks: ['work-placements'],
      offers: [],
      sectors: [],
      languages: [],
      eqfLevels: [],
      wantedTypes: ['company-training-centre'],
    };
    const school = centre({ offers: ['work-placements'] });
    const company = centre({ offers: ['work-placements'], type: 'company-training-centre' });
    const out = suggest(request, [school, company], { limit: 10 });
    assert.deepEqual(ids(out), [company.id, school.id]);
    assert.deepEqual(out[0]!.reasons[1], { kind: 'wanted-type', type: 'company-training-centre' });
  });

  test('the seeker itself and excluded ids are never suggested', () => {
    const me = centre({ seeks: ['peer-review'], offers: ['peer-review'] });
    const partner = centre({ offers: ['peer-review'] });
    const other = centre({ offers: ['peer-review'] });
    const out = suggest(centreSeeker(me, { excludeIds: [partner.id] }), [me, partner, other], { limit: 10 });
    assert.deepEqual(ids(out), [other.id]);
  });

  test('maturity is used only when both centres opted in', () => {
    const mine = { 'teaching-learning': 2.0, 'cooperation-partnerships': 4.2, 'governance-funding': 3.0 };
    const theirs = { 'teaching-learning': 3.6, 'cooperation-partnerships': 2.1, 'governance-funding': 3.0 };
    const me = centre({ sectors: ['tourism'], maturity: mine });
    const shares = centre({ sectors: ['tourism'], maturity: theirs });
    const keeps = centre({ sectors: ['tourism'], maturity: null });
    const out = suggest(centreSeeker(me), [keeps, shares], { limit: 10 });
    assert.deepEqual(ids(out), [shares.id, keeps.id]);
    assert.deepEqual(out[0]!.reasons[0], {
      kind: 'complementary',
      strongWhereYouAreWeak: ['teaching-learning'],
      weakWhereYouAreStrong: ['cooperation-partnerships'],
    });
    assert.ok(!out[1]!.reasons.some((r) => r.kind === 'complementary'));

    // the seeker keeps its own results to itself: nobody is compared with it
    const closed = suggest(centreSeeker({ ...me, maturity: null }), [shares], { limit: 10 });
    assert.ok(!closed[0]!.reasons.some((r) => r.kind === 'complementary'));
    // maturity alone is a reason, but only between two centres that opted in
    assert.equal(suggest(centreSeeker(centre({ maturity: mine })), [centre({ maturity: theirs })], { limit: 1 }).length, 1);
    assert.equal(suggest(centreSeeker(centre({ maturity: null })), [centre({ maturity: theirs })], { limit: 1 }).length, 0);
  });

  test('middling scores are neither strong nor weak', () => {
    const me = centre({ maturity: { 'teaching-learning': 2.6 } });
    const other = centre({ maturity: { 'teaching-learning': 4.5 } });
    assert.deepEqual(suggest(centreSeeker(me), [other], { limit: 1 }), []);
  });

  test('ties are ordered by id, whatever order the candidates come in', () => {
    const me = centre({ sectors: ['tourism'] });
    const same = [centre({ sectors: ['tourism'] }), centre({ sectors: ['tourism'] }), centre({ sectors: ['tourism'] })];
    const forwards = suggest(centreSeeker(me), same, { limit: 2 });
    const backwards = suggest(centreSeeker(me), [...same].reverse(), { limit: 2 });
    assert.deepEqual(ids(forwards), [same[0]!.id, same[1]!.id]);
    assert.deepEqual(backwards, forwards);
  });

  test('filters leave out centres that do not match them; wanted countries only rank', () => {
    const me = centre({ seeks: ['learner-mobility'] });
    const inSpain = centre({ offers: ['learner-mobility'], country: 'ES', eqfLevels: [4] });
    const inItaly = centre({ offers: ['learner-mobility'], country: 'IT', eqfLevels: [5] });
    assert.deepEqual(ids(suggest(centreSeeker(me), [inSpain, inItaly], { limit: 10, filters: { countries: ['IT'] } })), [inItaly.id]);
    assert.deepEqual(ids(suggest(centreSeeker(me), [inSpain, inItaly], { limit: 10, filters: { eqfLevels: [4] } })), [inSpain.id]);
    assert.deepEqual(ids(suggest(centreSeeker(me), [inSpain, inItaly], { limit: 10, filters: { countries: [] } })), [inSpain.id, inItaly.id]);
  });

  test('the best few out of many are the same as ranking all of them', () => {
    const topics = ['learner-mobility', 'work-placements', 'peer-review', 'teacher-training'];
    const sectors = ['tourism', 'energy', 'construction'];
    const me = centre({ seeks: topics.slice(0, 2), offers: topics.slice(2), sectors: sectors.slice(0, 2), languages: ['fr', 'en'] });
    const many = Array.from({ length: 500 }, (_, i) =>
      centre({
        offers: topics.filter((_, k) => (i >> k) & 1),
        seeks: topics.filter((_, k) => (i >> (k + 1)) & 1),
        sectors: [sectors[i % 3]!],
        languages: [i % 5 ? 'fr' : 'pl'],
        country: i % 7 ? 'FR' : 'PT',
      }),
    );
    const all = suggest(centreSeeker(me, { wantedCountries: ['PT'] }), many, { limit: many.length });
    const top = suggest(centreSeeker(me, { wantedCountries: ['PT'] }), many, { limit: 25 });
    assert.deepEqual(top, all.slice(0, 25));
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.score > all[i]!.score || (all[i - 1]!.score === all[i]!.score && all[i - 1]!.id < all[i]!.id));
  });
});

describe('reasons in words', () => {
  const sectors = new Map([['tourism', { value: 'Tourism', lang: 'en' as const }]]);
  const areas = new Map([
    ['teaching-learning', { value: 'Teaching and learning', lang: 'en' as const }],
    ['cooperation-partnerships', { value: 'Cooperation and partnerships', lang: 'en' as const }],
  ]);
  const reasons: Reason[] = [
    { kind: 'offers-what-you-seek', topics: ['learner-mobility', 'work-placements'] },
    { kind: 'shared-sectors', sectors: ['tourism'] },
    { kind: 'shared-languages', languages: ['fr'] },
    { kind: 'shared-eqf', levels: [3, 4] },
    { kind: 'wanted-country', country: 'PT' },
    { kind: 'wanted-type', type: 'vet-school' },
    { kind: 'complementary', strongWhereYouAreWeak: ['teaching-learning'], weakWhereYouAreStrong: [] },
  ];
  const ctx = (lang: 'en' | 'ar') => pageContext(lang, '/network', '', 'http://localhost', (n) => n);

  test('an English reader gets one sentence per reason, lists joined in English', () => {
    assert.deepEqual(reasonsText(ctx('en'), reasons, { sectors, areas }), [
      'Offers what you seek: hosting learners on mobility and work placements in companies.',
      'Works in your sector too: tourism.',
      'Shares a working language with you: French.',
      'Trains at EQF levels you train at too: 3 and 4.',
      'Is in a country you are looking for: Portugal.',
      'Is a kind of organisation you are looking for: VET school.',
      'By its self-assessment, it is strong where you are weaker: teaching and learning.',
    ]);
  });

  test('an Arabic reader gets the reasons in Arabic, lists joined the Arabic way', () => {
    const arabicSectors = new Map([['tourism', { value: 'السياحة', lang: 'ar' as const }]]);
    const out = reasonsText(ctx('ar'), reasons, { sectors: arabicSectors, areas });
    assert.equal(out.length, reasons.length);
    for (const line of out) assert.match(line, /\p{Script=Arabic}/u);
    assert.equal(out[0], 'يقدّم ما تبحث عنه: استضافة المتعلمين في إطار التنقل وتدريب عملي في الشركات.');
    assert.equal(out[1], 'يعمل في قطاعك أيضًا: السياحة.');
    assert.equal(out[4], 'يقع في بلد تبحث عن شركاء فيه: البرتغال.');
    // an area title not yet translated keeps its letters together inside the Arabic sentence
    assert.equal(out[6], 'بحسب تقييمه الذاتي، هو قوي حيث أنت أضعف: \u2068teaching and learning\u2069.');
  });

  test('complementary maturity says which way it goes', () => {
    const both: Reason = { kind: 'complementary', strongWhereYouAreWeak: ['teaching-learning'], weakWhereYouAreStrong: ['cooperation-partnerships'] };
    const weakOnly: Reason = { kind: 'complementary', strongWhereYouAreWeak: [], weakWhereYouAreStrong: ['cooperation-partnerships'] };
    assert.deepEqual(reasonsText(ctx('en'), [both, weakOnly], { sectors, areas }), [
      'By its self-assessment, it is strong where you are weaker (teaching and learning) and weaker where you are strong (cooperation and partnerships).',
      'By its self-assessment, it is weaker where you are strong: cooperation and partnerships. You could help it.',
    ]);
    assert.match(reasonsText(ctx('ar'), [both], { sectors, areas })[0]!, /^بحسب تقييمه الذاتي، هو قوي حيث أنت أضعف \(.*\)، وأضعف حيث أنت قوي \(.*\)\.$/u);
  });
});
