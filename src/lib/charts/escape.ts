/** HTML-escapes text for ECharts tooltip formatters: agent, queue and channel names come from uploaded files. */
export function escapeHtml(text: unknown): string {
	return String(text ?? '')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
