import { csv, type CsvValue } from '../../../http/csv.ts';
import type { TextContext } from '../text.ts';
import type { ConsortiumPage } from './service.ts';
import { partnerWords } from './text.ts';

// The consortium as a spreadsheet for the application: one row per partner with its name, country
// (name and code), kind, role, status, EQF levels and identifiers. Headings and words in the
// reader's language; codes, levels and identifiers as the forms of the call want them.

export function consortiumCsv(ctx: TextContext, p: ConsortiumPage): { filename: string; body: string } {
  const { t } = ctx;
  const rows: CsvValue[][] = [
    [
      t('consortium.column.name'),
      t('consortium.column.country'),
      t('consortium.column.countryCode'),
      t('consortium.column.kind'),
      t('consortium.column.role'),
      t('consortium.column.status'),
      t('consortium.column.eqf'),
      'OID',
      'PIC',
    ],
    ...p.partners.map((x) => {
      const w = partnerWords(ctx, x);
      return [x.name, w.country, x.country, w.kind, w.role, w.status, x.eqfLevels.join(' '), x.oid, x.pic];
    }),
  ];
  return { filename: `consortium-${p.coordinator.slug ?? 'centre'}-${p.consortium.id}-${ctx.lang}.csv`, body: csv(rows) };
}
