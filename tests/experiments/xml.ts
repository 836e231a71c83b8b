/** A small XML well-formedness check (enough for our SVG): tags nest, attributes are quoted, entities known. */
export function xmlErrors(xml: string): string[] {
	const errors: string[] = [];
	const stack: string[] = [];
	const re =
		/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
	let m: RegExpExecArray | null;
	let roots = 0;
	while ((m = re.exec(xml))) {
		if (m[0] === '<') errors.push(`stray or malformed tag at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
		else if (m[0].startsWith('&')) errors.push(`unescaped & at ${m.index}`);
		else if (m[2] === undefined) continue;
		else if (m[1]) {
			const open = stack.pop();
			if (open !== m[2]) errors.push(`</${m[2]}> closes <${open}> at ${m.index}`);
		} else if (!m[4]) {
			if (stack.length === 0) roots++;
			stack.push(m[2]);
		} else if (stack.length === 0) roots++;
	}
	if (stack.length) errors.push(`unclosed: ${stack.join(' > ')}`);
	if (roots !== 1) errors.push(`${roots} root elements`);
	return errors;
}

/** RFC 4180 CSV to rows of fields. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') (row.push(field), (field = ''));
		else if (c === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
		else field += c;
	}
	if (field || row.length) (row.push(field), rows.push(row));
	return rows;
}
