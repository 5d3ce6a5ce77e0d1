import { Offer, type OfferInput } from '@ankommen/taxonomy';
import { offers } from '../schema.js';
import type { RepositoryContext } from './context.js';
import { createEntityRepository, type EntityRepository } from './entities.js';

export type OfferRepository = EntityRepository<Offer, OfferInput>;

export function createOfferRepository(context: RepositoryContext): OfferRepository {
  return createEntityRepository<Offer, OfferInput>(context, {
    entityType: 'offer',
    table: offers,
    schema: Offer,
  });
}
