/** HTML escaping, apart from html.ts so that the page's parts can share it without a circle. */
import { printable } from "./text.js";

/** Text for HTML content and quoted attributes: markup characters and invisible ones made inert. */
export function escapeHtml(text: string): string {
  return printable(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
