/** A flat two-part SVG badge ("backpath | 3/13 stages") for READMEs; every text is XML-escaped. */

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

// Verdana 11px averages about 6.5 px per character; close enough for a label that never wraps.
const width = (text: string) => Math.round(text.length * 6.5 + 12);

export function badgeSvg(label: string, message: string, color = '#2f7d32'): string {
  const lw = width(label);
  const mw = width(message);
  const total = lw + mw;
  const l = escapeXml(label);
  const m = escapeXml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${l}: ${m}">
<title>${l}: ${m}</title>
<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${l}</text><text x="${lw + mw / 2}" y="14">${m}</text>
</g></svg>`;
}
