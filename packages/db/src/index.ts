export {
  createDatabase,
  databaseOptionsFromEnv,
  type Database,
  type DatabaseOptions,
} from './database.js';
export type { ConnectionOptions, Drizzle, Health, Schema, Transaction } from './connection.js';
export type { ListenOptions, NotificationHandler } from './listener.js';
export {
  migrate,
  readMigrations,
  defaultMigrationsFolder,
  type MigrateOptions,
} from './migrate.js';
export { seed, type SeedData, type SeedOptions, type SeedResult } from './seed.js';
export {
  Backup,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  countBackup,
  exportBackup,
  importBackup,
  parseBackup,
  RESTORED_KEY,
  type BackupCounts,
  type ImportOptions,
} from './backup.js';
export { restorePublished, type PublishedState } from './restore-published.js';
export type { Snapshot } from './snapshot.js';
export { PUBLIC_CHANGE_CHANNEL, type PublicChange } from './public-change.js';
export {
  ConflictError,
  NotFoundError,
  VersionConflictError,
  isDatabaseUnavailable,
  type ConflictCode,
} from './errors.js';
export type { Actor } from './repositories/context.js';
export type {
  EntityRecord,
  EntityRepository,
  EntityState,
  CreateOptions,
  UpdateOptions,
  StatusOptions,
  ListFilter,
} from './repositories/entities.js';
export type { OfferRepository } from './repositories/offers.js';
export { StoredAgency, type AgencyRepository } from './repositories/agencies.js';
export type {
  RuleSetRecord,
  RuleSetRepository,
  RuleSetSummary,
  DraftOptions,
  PublishOptions,
} from './repositories/rule-sets.js';
export {
  Email,
  UserRole,
  type User,
  type UserRepository,
  type NewUser,
  type UserPatch,
  type UserWriteOptions,
} from './repositories/users.js';
export {
  hashToken,
  type Session,
  type SessionWithUser,
  type SessionRepository,
  type NewSession,
  type SessionOptions,
} from './repositories/sessions.js';
export type {
  AuditAction,
  AuditEntry,
  AuditQuery,
  AuditRepository,
  NewAuditEntry,
} from './repositories/audit.js';
export {
  workStatuses,
  type ApplyOptions,
  type ApplyResult,
  type LanguageCoverage,
  type RejectReason,
  type RejectedChange,
  type TranslationChange,
  type TranslationFilter,
  type TranslationItem,
  type TranslationRepository,
  type WorkStatus,
} from './repositories/translations.js';
export {
  MIN_SHOWN_COUNT,
  UsageIncrement,
  UsagePeriod,
  UsageRange,
  type SuppressedCount,
  type UsageRepository,
} from './repositories/usage.js';
export * as schema from './schema.js';
export {
  entityStatuses,
  ruleSetStatuses,
  roles,
  sessionKinds,
  usageKinds,
  type EntityStatus,
  type EntityType,
  type RuleSetStatus,
  type Role,
  type SessionKind,
  type UsageKind,
} from './schema.js';
