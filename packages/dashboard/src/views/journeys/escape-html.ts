// Chart tooltips are HTML: names from the data (event names, channels, URLs) are escaped before they go in.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
