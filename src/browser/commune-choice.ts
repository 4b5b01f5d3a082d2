/** Where the browser remembers the commune or ward an officer picked in the Ask box (nothing else is kept). */
export const COMMUNE_KEY = 'handbook.commune';

/** The remembered commune id, or '' (none, or storage unavailable). */
export function rememberedCommune(): string {
  try {
    return localStorage.getItem(COMMUNE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers a commune id; '' forgets it. */
export function rememberCommune(id: string): void {
  try {
    if (id) localStorage.setItem(COMMUNE_KEY, id);
    else localStorage.removeItem(COMMUNE_KEY);
  } catch {
    // Private mode or storage off: the choice lasts for this page only.
  }
}
