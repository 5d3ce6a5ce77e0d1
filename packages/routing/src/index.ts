export {
  Profile,
  ArrivalDate,
  parseProfile,
  profileFields,
  ProfileFieldName,
  type ProfileField,
  type ProfileIssue,
  type ProfileResult,
} from './profile.js';
export {
  facts,
  factNames,
  operatorsByKind,
  type FactName,
  type FactKind,
  type FactDefinition,
} from './facts.js';
export {
  Condition,
  FactCondition,
  DateCondition,
  CompetenceCondition,
  factsOf,
} from './conditions.js';
export {
  Rule,
  RuleSet,
  RuleId,
  RuleSource,
  Outcome,
  StepOutcome,
  ExcludeOutcome,
  Deadline,
  DocumentType,
  type RuleInput,
  type RuleSetInput,
} from './rules.js';
export {
  createRouter,
  route,
  reasonOf,
  today,
  type Decision,
  type Router,
  type RouterInput,
  type RouterOptions,
  type RouteOptions,
} from './engine.js';
export { createCatalog, type Catalog } from './catalog.js';
export { Wegweiser, Step, Reason, Exclusion } from './wegweiser.js';
export {
  compactWegweiser,
  compactWegweiserJson,
  expandWegweiser,
  wegweiserTexts,
  CompactWegweiser,
  CompactStep,
  CompactExclusion,
  WegweiserTexts,
} from './compact.js';
export {
  Persona,
  Personas,
  checkExpectations,
  runPersonas,
  type PersonaInput,
  type PersonaResult,
} from './personas.js';
export {
  checkRuleSet,
  type CheckOptions,
  type CheckResult,
  type Problem,
  type ProblemCode,
} from './checks.js';
export { City, parseCityData, CityDataError, type CityData, type DataIssue } from './city-data.js';
