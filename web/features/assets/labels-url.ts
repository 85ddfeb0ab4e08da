/** One A4 sheet holds 24 labels; a print run is capped so the URL and the page stay reasonable. */
export const MAX_LABELS = 120;

/** The printable labels page for some assets (opened in a new tab). */
export function labelsUrl(ids: string[]): string {
  return `/assets/labels?ids=${ids.slice(0, MAX_LABELS).join(',')}`;
}
