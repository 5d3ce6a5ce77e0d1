export {
  uiLanguages,
  UiLanguage,
  LanguageCode,
  languageInfo,
  textDirection,
  type LanguageInfo,
  type TextDirection,
} from './languages.js';
export {
  TranslationStatus,
  Translation,
  LocalizedText,
  pickText,
  localized,
  defaultFallbacks,
  maxTextLength,
  PickedText,
} from './localized.js';
export {
  IsoDate,
  EntityId,
  WebUrl,
  Source,
  Provenance,
  Coordinates,
  Accessibility,
  Address,
  Location,
  Contact,
  Languages,
  Validity,
  isValidOn,
  requireSource,
} from './common.js';
export {
  Citizenship,
  ResidenceArea,
  ResidenceStatus,
  Benefits,
  GermanLevel,
  germanLevels,
  Need,
  Protection,
} from './person.js';
export {
  TopicField,
  topicFieldCodes,
  Category,
  categoryCodes,
  categoriesByTopic,
  topicOf,
} from './topics.js';
export { TargetGroup, targetGroupCodes } from './target-groups.js';
export { categoriesForNeed } from './needs.js';
export { Cost, OfferFormat } from './offer-enums.js';
export { Offer, Eligibility, type OfferInput } from './offer.js';
export {
  termKinds,
  TermCodeSchema,
  type TermCode,
  type TermKind,
  type Term,
  type Labels,
  type LabelSet,
  type LabelSets,
} from './terms.js';
export { terms, getTerm, label, findTerms, foldForSearch } from './vocabulary.js';
