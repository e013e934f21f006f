import { z } from 'zod';

// The report's address: …/rounds/{id}/report?compare={another round}&sector={one of the centre's}.

export const reportQuery = z.object({
  compare: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  sector: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;
