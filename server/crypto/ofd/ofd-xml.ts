import { XMLParser } from 'fast-xml-parser';

/** An element of an OFD XML file: local name (namespace prefix dropped), attributes, child elements, text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

export class OfdXmlError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'OfdXmlError';
  }
}

const ATTRIBUTES = ':@';
const TEXT = '#text';

// Order kept and every value left a string: the verifier reads names, paths and base64, nothing typed.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

type OrderedNode = Record<string, unknown>;

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((key) => key !== ATTRIBUTES);
  if (!name || name === TEXT) return null;
  const body = (node[name] as OrderedNode[] | undefined) ?? [];
  const attributes = (node[ATTRIBUTES] as Record<string, string> | undefined) ?? {};
  const children: XmlElement[] = [];
  let text = '';
  for (const child of body) {
    if (TEXT in child) text += String(child[TEXT]);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attributes, children, text };
}

/**
 * Parses one file of the package. A DOCTYPE is refused outright: OFD files have none, and entity
 * declarations are how XML is made to expand or reach outside.
 */
export function parseOfdXml(file: string, bytes: Uint8Array): XmlElement {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OfdXmlError(file, 'not UTF-8');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new OfdXmlError(file, 'a DOCTYPE or entity declaration');
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    throw new OfdXmlError(file, `not well-formed XML: ${(error as Error).message}`);
  }
  const roots = nodes.map(toElement).filter((element): element is XmlElement => element !== null);
  if (roots.length !== 1) throw new OfdXmlError(file, 'not exactly one root element');
  return roots[0]!;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text;
}
