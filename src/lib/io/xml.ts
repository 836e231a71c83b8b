/** Text made safe inside XML/SVG elements and attributes. */
export function escapeXml(s: string): string {
	return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);
}
