/**
 * What a person types as a link address, made into one the editor stores: a web address (a bare domain gets
 * https://) or an e-mail link. Anything else (spaces, a script: URL, no domain) is refused, so a rich text
 * never holds a link that opens nothing or runs code.
 */
export type LinkInput = { ok: true; href: string } | { ok: false };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function normalizeLink(input: string): LinkInput {
	const text = input.trim();
	if (text === '' || /\s/.test(text)) return { ok: false };
	if (/^mailto:/i.test(text)) {
		return /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(text) ? { ok: true, href: text } : { ok: false };
	}
	if (!SCHEME.test(text) && /^[^@/\s]+@[^@\s]+\.[^@\s]+$/.test(text))
		return { ok: true, href: `mailto:${text}` };
	const candidate = SCHEME.test(text) ? text : `https://${text}`;
	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		return { ok: false };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false };
	// A host with a dot (exemple.fr) or localhost: "salon" alone is a word, not an address.
	if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { ok: false };
	return { ok: true, href: url.href === `${url.origin}/` && !text.endsWith('/') ? url.origin : url.href };
}
