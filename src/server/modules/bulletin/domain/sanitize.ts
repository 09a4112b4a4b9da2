/**
 * The bulletin's rich text is kept to what a newspaper column needs: paragraphs, bold, italic,
 * line breaks and lists — never an attribute, a link, a style or a script. Those bare tags are
 * rewritten without attributes, any other tag is dropped (scripts and styles with their content),
 * and all text is escaped, so nothing else can survive.
 */
const ALLOWED = ['p', 'strong', 'em', 'b', 'i', 'br', 'ul', 'ol', 'li'];

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function sanitizeHtml(input: string): string {
  const allowed = new RegExp(`^<(/?)(${ALLOWED.join('|')})(\\s[^>]*)?/?>$`, 'i');
  // entities the editor already wrote stay as they are; everything else in the text is escaped
  const text = (t: string) =>
    t
      .split(/(&(?:amp|lt|gt|quot|#39|nbsp);)/)
      .map((piece) => (/^&(amp|lt|gt|quot|#39|nbsp);$/.test(piece) ? piece : escapeHtml(piece)))
      .join('');
  const html = input
    .replace(/<!--[\s\S]*?-->/g, '')
    // what a browser editor or a paste brings: scripts and styles go with their content, a div is a paragraph
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(\/?)div\b[^>]*>/gi, '<$1p>')
    .split(/(<[^<>]*>)/)
    .map((part) => {
      const m = part.startsWith('<') ? allowed.exec(part) : null;
      if (m) return `<${m[1]}${(m[2] as string).toLowerCase()}>`;
      // any other tag (a span, a link, an image) is dropped, its text kept
      if (/^<\/?[a-zA-Z][^<>]*>$/.test(part)) return '';
      return text(part);
    })
    .join('')
    .trim();
  // plain text (a textarea) becomes paragraphs, one per line
  if (html && !/^<(p|ul|ol)>/.test(html)) {
    return html
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => `<p>${l}</p>`)
      .join('');
  }
  return html;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** the text of each paragraph (or list item), for the Word document and for plain-text checks */
export function paragraphsOf(html: string): { text: string; bold: boolean }[] {
  return html
    .split(/<\/p>|<\/li>|<br>/)
    .map((chunk) => {
      const bold = /^\s*(<[a-z]+>\s*)*<(strong|b)>/.test(chunk) && !/<\/(strong|b)>\s*\S/.test(chunk.replace(/<\/?(p|li|ul|ol)>/g, ''));
      const text = chunk
        .replace(/<[^>]+>/g, '')
        .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
        .trim();
      return { text, bold };
    })
    .filter((p) => p.text);
}
