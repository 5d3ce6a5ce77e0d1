export { Region } from './region.js';
export {
  OpeningHours,
  openingStatus,
  isOpenAt,
  nextOpening,
  openIntervals,
  weekPreview,
  syntaxError as openingHoursSyntaxError,
  type OpeningHoursInput,
  type OpeningStatus,
  type OpenState,
  type OpenInterval,
  type DayHours,
} from './opening-hours.js';
export {
  Jurisdiction,
  JurisdictionArea,
  PersonCriteria,
  areaMatch,
  foldName,
  personMatch,
  sameMunicipality,
  type Place,
  type Person,
  type Maybe,
} from './jurisdiction.js';
export {
  Agency,
  AgencyKind,
  AgencyService,
  AgencyLocation,
  LeikaKey,
  OfficialKey,
  type AgencyInput,
} from './agency.js';
export {
  RegistryData,
  createRegistry,
  parseRegistry,
  type Registry,
  type RegistryInput,
  type Competence,
  type AgencyStatus,
  type PersonFact,
} from './registry.js';
export { toWallClock, fromWallClock, dateIn } from './wall-clock.js';
