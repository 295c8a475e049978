/** Subjects are `chronicle.events.{category}.{EventType}`: consumers filter by category, type or both. */
export const SUBJECT_PREFIX = 'chronicle.events';

/** A subject token may not hold `.`, `*`, `>` or whitespace; anything else outside [A-Za-z0-9_-] is replaced too. */
export const subjectToken = (value: string): string => (value.replace(/[^A-Za-z0-9_-]/g, '_') || '_');

export const subjectFor = (category: string, type: string, prefix = SUBJECT_PREFIX): string =>
  `${prefix}.${subjectToken(category)}.${subjectToken(type)}`;

/** The subjects a filter needs, as JetStream consumer filter subjects. */
export const filterSubjects = (filter: { categories?: readonly string[]; types?: readonly string[] }, prefix = SUBJECT_PREFIX): string[] => {
  const categories = filter.categories?.map(subjectToken) ?? ['*'];
  const types = filter.types?.map(subjectToken) ?? ['*'];
  return categories.flatMap((category) => types.map((type) => `${prefix}.${category}.${type}`));
};
