import qrcode from 'qrcode-generator';
import type { Progress } from './guide';

/**
 * The link that opens a plan again: the answers ride in the URL fragment (after `#`), which
 * browsers never send to a server; the guide page's script reads it there.
 */
export function shareLink(origin: string, lang: string, progress: Progress): string {
  const { answers, skipped } = progress;
  const encoded = Buffer.from(JSON.stringify({ answers, skipped })).toString('base64url');
  return `${origin}/${lang}/guide#a=${encoded}`;
}

/** The link as a QR code, an SVG drawn on the server: a counsellor scans it from the screen. */
export function qrSvg(link: string): string {
  const code = qrcode(0, 'M');
  code.addData(link);
  code.make();
  return code.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}
