/**
 * OFD XML as GB/T 33190-2016 writes it: every element in the `http://www.ofdspec.org/2016`
 * namespace with the `ofd:` prefix (readers such as ofd.js look elements up by that prefixed
 * name), UTF-8, numbers in millimetres without needless digits.
 */
export const OFD_NAMESPACE = 'http://www.ofdspec.org/2016';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attributes = Record<string, string | number | undefined>;

/** A number as OFD writes lengths: at most three decimals (a micrometre), no trailing zeros. */
export function num(value: number): string {
  const fixed = value.toFixed(3).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export function element(name: string, attributes: Attributes = {}, content: string | readonly string[] = ''): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? num(value) : String(value))}"`)
    .join('');
  const inner = typeof content === 'string' ? content : content.join('');
  return inner ? `<ofd:${name}${attrs}>${inner}</ofd:${name}>` : `<ofd:${name}${attrs}/>`;
}

/** Text content, escaped. */
export const text = (value: string) => escapeXml(value);

export function xmlFile(rootName: string, attributes: Attributes, content: readonly string[]): Uint8Array {
  const root = element(rootName, { 'xmlns:ofd': OFD_NAMESPACE, ...attributes }, content);
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${root}`);
}
