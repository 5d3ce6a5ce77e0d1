/**
 * A stored address as a link target, only if it is a web address. The API accepts http(s)
 * only, but the site does not rely on it: a `javascript:` or `data:` address never becomes a
 * link, and an unparsable one is not linked instead of failing the page.
 */
export function webLink(
  address: string | null | undefined,
): { href: string; hostname: string } | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    const web = url.protocol === 'https:' || url.protocol === 'http:';
    return web ? { href: address, hostname: url.hostname } : undefined;
  } catch {
    return undefined;
  }
}
