/* Bounds of the debugger's queries, apart from the routes so the OpenAPI document can state them without loading a database driver. */

export const DENSITY_BUCKETS = { default: 120, max: 1_000 };
export const SERIES_POINTS = { default: 400, max: 2_000 };
export const TIMELINE_LIMIT = { default: 200, max: 2_000 };
export const MAX_ROW_VERSIONS = 500;
export const SEARCH_TEXT_MAX = 200;
