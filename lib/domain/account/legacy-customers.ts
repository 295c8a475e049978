/*
 * Before customer ids (AccountOpened version 3), an account belonged to whoever had its holder's
 * name. Those accounts were opened by the seed, the demo and CORE1's import, whose customers'
 * ids are their names in lower-case slug form (`Ada Lovelace` → `ada-lovelace`); the upcaster maps
 * an older event's holder to that id. Two customers who shared a name before version 3 cannot be
 * told apart from the old events: both map to the first one's id (a teller corrects it with a new
 * account; events are never edited). Everything written since records the id the command named.
 */
export const customerIdForHolder = (name: string): string | null => {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents go, letters stay: Spärck → sparck
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64)
    .replace(/-$/, '');
  return slug === '' ? null : slug;
};
