/**
 * The Drizzle schema: one schema for embedded PGlite and for PostgreSQL. Migrations in
 * `../drizzle` are generated from this file with `npm run db:generate`; never edit applied
 * migrations, add a new one.
 *
 * Enumerations are `text` with CHECK constraints rather than PostgreSQL enums: adding a value
 * to a CHECK is one plain migration, while `ALTER TYPE … ADD VALUE` cannot run inside the
 * migration transaction on older servers.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Editorial workflow of offers and agencies. */
export const entityStatuses = ['draft', 'in_review', 'published', 'archived'] as const;
export type EntityStatus = (typeof entityStatuses)[number];

/** The kinds of record that carry translations and locations. */
export const entityTypes = ['offer', 'agency'] as const;
export type EntityType = (typeof entityTypes)[number];

export const translationStatuses = ['source', 'reviewed', 'machine', 'outdated'] as const;

export const ruleSetStatuses = ['draft', 'published', 'superseded'] as const;
export type RuleSetStatus = (typeof ruleSetStatuses)[number];

export const roles = ['admin', 'editor', 'reviewer', 'partner'] as const;
export type Role = (typeof roles)[number];

export const sessionKinds = ['cookie', 'token'] as const;
export type SessionKind = (typeof sessionKinds)[number];

/** `'a', 'b'` for a CHECK constraint; the values are our own constants, never user input. */
function listOf(values: readonly string[]) {
  return sql.raw(values.map((value) => `'${value}'`).join(', '));
}

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Columns shared by offers and agencies. `data` is the working copy without its translatable
 * texts (in `translations`) and locations (in `locations`); `published` is the whole domain
 * object as last published, which is all the public read model needs.
 */
function editableColumns() {
  return {
    id: text('id').primaryKey(),
    /** Optimistic concurrency: 1 on create, +1 on every accepted write. */
    version: integer('version').notNull().default(1),
    status: text('status', { enum: entityStatuses }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    published: jsonb('published').$type<Record<string, unknown>>(),
    publishedAt: timestamptz('published_at'),
    /** For partner organisations: whose staff may edit this record. */
    ownerAgencyId: text('owner_agency_id').references((): AnyPgColumn => agencies.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: text('updated_by'),
  };
}

export const agencies = pgTable('agencies', editableColumns(), (t) => [
  check('agencies_status_check', sql`${t.status} in (${listOf(entityStatuses)})`),
  check('agencies_version_check', sql`${t.version} >= 1`),
  index('agencies_status_idx').on(t.status),
  index('agencies_owner_idx').on(t.ownerAgencyId),
]);

export const offers = pgTable('offers', editableColumns(), (t) => [
  check('offers_status_check', sql`${t.status} in (${listOf(entityStatuses)})`),
  check('offers_version_check', sql`${t.version} >= 1`),
  index('offers_status_idx').on(t.status),
  index('offers_owner_idx').on(t.ownerAgencyId),
]);

/**
 * One row per translatable field and language. `field` is a path into the domain object
 * (`title`, `eligibility.description`, `services.<code>.name`). `source_hash` is the SHA-256
 * of the source-language text this text was written against: when the source text changes,
 * rows whose hash no longer matches become `outdated`.
 */
export const translations = pgTable(
  'translations',
  {
    entityType: text('entity_type', { enum: entityTypes }).notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    lang: text('lang').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: translationStatuses }).notNull(),
    sourceHash: text('source_hash'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId, t.field, t.lang] }),
    check('translations_entity_type_check', sql`${t.entityType} in (${listOf(entityTypes)})`),
    check('translations_status_check', sql`${t.status} in (${listOf(translationStatuses)})`),
    // Translation work lists ("everything outdated in Arabic") read by language and status.
    index('translations_lang_status_idx').on(t.lang, t.status),
  ],
);

/** The locations of an offer or agency, in their order; kept apart for geo and HSDS use. */
export const locations = pgTable(
  'locations',
  {
    entityType: text('entity_type', { enum: entityTypes }).notNull(),
    entityId: text('entity_id').notNull(),
    position: integer('position').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId, t.position] }),
    check('locations_entity_type_check', sql`${t.entityType} in (${listOf(entityTypes)})`),
  ],
);

/**
 * Rule sets are immutable versions: a change is a new draft, publishing supersedes the
 * previous published version, restoring copies an old one into a new published version.
 * `version` is ours; the rule set's own `data.version` is the author's label.
 */
export const ruleSets = pgTable(
  'rule_sets',
  {
    version: serial('version').primaryKey(),
    ruleSetId: text('rule_set_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    personas: jsonb('personas').$type<unknown[]>().notNull(),
    status: text('status', { enum: ruleSetStatuses }).notNull(),
    restoredFrom: integer('restored_from'),
    note: text('note'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    createdBy: text('created_by'),
    publishedAt: timestamptz('published_at'),
    publishedBy: text('published_by'),
  },
  (t) => [
    check('rule_sets_status_check', sql`${t.status} in (${listOf(ruleSetStatuses)})`),
    // At most one published rule set, whatever races two publishers run.
    uniqueIndex('rule_sets_one_published_idx')
      .on(t.status)
      .where(sql`${t.status} = 'published'`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    /** Stored lower-case, so that uniqueness ignores case. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    partnerAgencyId: text('partner_agency_id').references(() => agencies.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(t.email),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
    check('users_role_check', sql`${t.role} in (${listOf(roles)})`),
    // A partner always belongs to one agency; staff of the city never do.
    check(
      'users_partner_agency_check',
      sql`(${t.role} = 'partner') = (${t.partnerAgencyId} is not null)`,
    ),
  ],
);

/** Sessions and API tokens. Only a SHA-256 of the token is stored, never the token. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: sessionKinds }).notNull(),
    label: text('label'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [
    check('sessions_kind_check', sql`${t.kind} in (${listOf(sessionKinds)})`),
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Who changed what, when, with the state before and after. `user_id` has no foreign key on
 * purpose: the history must outlive the accounts it names.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    userId: text('user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    version: integer('version'),
    before: jsonb('before'),
    after: jsonb('after'),
    comment: text('comment'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_user_idx').on(t.userId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/** What the planning counts are about (ADR 0014). */
export const usageKinds = ['wegweiser_completion', 'topic_request', 'empty_search'] as const;
export type UsageKind = (typeof usageKinds)[number];

/**
 * Aggregated counts for planning, per month: no person, no time of day, no address. `key` is
 * a need code, a topic code, or a normalised search query; `period` is `YYYY-MM`.
 */
export const usageCounts = pgTable(
  'usage_counts',
  {
    period: text('period').notNull(),
    kind: text('kind', { enum: usageKinds }).notNull(),
    key: text('key').notNull(),
    lang: text('lang').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.period, t.kind, t.key, t.lang] }),
    check('usage_counts_kind_check', sql`${t.kind} in (${listOf(usageKinds)})`),
    check('usage_counts_period_check', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('usage_counts_count_check', sql`${t.count} > 0`),
  ],
);

/** Small facts about the database itself: the city, the seed marker, the last public change. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export const schema = {
  agencies,
  offers,
  translations,
  locations,
  ruleSets,
  users,
  sessions,
  auditLog,
  meta,
  usageCounts,
};
