import { Agency, type AgencyInput } from '@ankommen/registry';
import { agencies } from '../schema.js';
import type { RepositoryContext } from './context.js';
import { createEntityRepository, type EntityRepository } from './entities.js';

/**
 * An agency as we store it: service names are translated per service `code`, so the codes
 * of one agency must be unique.
 */
export const StoredAgency = Agency.superRefine((agency, ctx) => {
  const seen = new Set<string>();
  agency.services.forEach((service, index) => {
    if (seen.has(service.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['services', index, 'code'],
        message: `duplicate service code ${service.code}`,
      });
    }
    seen.add(service.code);
  });
});

export type AgencyRepository = EntityRepository<Agency, AgencyInput>;

export function createAgencyRepository(context: RepositoryContext): AgencyRepository {
  return createEntityRepository<Agency, AgencyInput>(context, {
    entityType: 'agency',
    table: agencies,
    schema: StoredAgency,
  });
}
