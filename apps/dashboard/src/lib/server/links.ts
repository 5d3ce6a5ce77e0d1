/**
 * A stored address to link, only if it is a web address: the API accepts http(s) only, and
 * the dashboard does not rely on it, so `javascript:` or `data:` never becomes a link.
 */
export function webAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  try {
    const { protocol } = new URL(address);
    return protocol === 'https:' || protocol === 'http:' ? address : null;
  } catch {
    return null;
  }
}
