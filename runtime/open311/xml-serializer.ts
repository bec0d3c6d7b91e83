/**
 * A tiny XML serializer for Open311 responses. Open311's XML is schemaless and maps one to one
 * onto its JSON (the "Spark convention"): an object becomes child elements named by its keys, an
 * array becomes repeated elements named by the singular of the array's own name
 * (`<services><service>…</service></services>`), null becomes an empty element and undefined is
 * left out. Text is escaped, and characters XML 1.0 cannot carry are dropped.
 */

export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | { readonly [key: string]: XmlValue };

/** The element name of each item of an Open311 list, by the list's element name. */
export const OPEN311_ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  notes: 'note',
};

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogate halves and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  if (!NAME.test(name)) throw new Error(`"${name}" is not a valid XML element name`);
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, XmlValue>).map(([key, v]) => element(key, v, itemNames)).join('');
    return `<${name}>${children}</${name}>`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return `<${name}/>`;
  const text = escapeXmlText(String(value));
  return text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`;
}

/**
 * The XML document of `value` under the root element `root`, with the declaration Open311 requires.
 * @example
 * toXml('errors', [{ code: 403, description: 'api_key is required' }]);
 * // <?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>api_key is required</description></error></errors>
 */
export function toXml(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>> = OPEN311_ITEM_NAMES): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}`;
}
