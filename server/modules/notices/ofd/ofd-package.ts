import { zipSync } from 'fflate';
import { element, text, xmlFile } from './ofd-xml-writer.ts';
import { pageContentXml, type ContentIds } from './page-content.ts';
import { PT_TO_MM, type PageOp, type SealPlace } from './page-ops.ts';

/**
 * The files of an unsigned OFD package (GB/T 33190-2016 §7): OFD.xml (document information, the
 * document root and where its signatures will be listed), Doc_0/Document.xml (A4 pages,
 * PhysicalBox 0 0 210 297 mm), Doc_0/PublicRes.xml (the fonts) and a Content.xml per page.
 *
 * Fonts are named, not embedded: the notice is set in Noto Sans CJK SC (the Noto Sans SC design
 * of the PDF), installed with fonts-noto-cjk where the archive's pages are shown; ofd.js, the open
 * viewer the web app uses, draws text with the named family and ignores embedded font files, and
 * the full face would add 10 MB to every notice.
 */
export const DOCUMENT_DIR = 'Doc_0';
export const SIGNATURES_LIST = `${DOCUMENT_DIR}/Signs/Signatures.xml`;
export const FONT_FAMILY = 'Noto Sans CJK SC';

export interface DocumentInfo {
  docId: string;
  title: string;
  author: string;
  subject: string;
  /** yyyy-mm-dd */
  creationDate: string;
  creator: string;
  customData: [string, string][];
}

export interface UnsignedOfd {
  /** Package entries in the order they are written. */
  files: Map<string, Uint8Array>;
  /** The page IDs, first page first: a signature's StampAnnot refers to its page by ID. */
  pageIds: number[];
  /** The last ID the document has given: signature lists number their own IDs. */
  maxUnitId: number;
}

function counter(start: number): ContentIds & { last(): number } {
  let id = start;
  return { next: () => ++id, last: () => id };
}

export function buildOfdPackage(info: DocumentInfo, pages: readonly (readonly PageOp[])[]): UnsignedOfd {
  const ids = counter(0);
  const fonts = { regular: ids.next(), bold: ids.next() };
  const pageIds = pages.map(() => ids.next());
  const contents = pages.map((ops) => pageContentXml(ops, ids, fonts));
  const files = new Map<string, Uint8Array>();
  files.set(
    'OFD.xml',
    xmlFile('OFD', { Version: '1.0', DocType: 'OFD' }, [
      element('DocBody', {}, [
        element('DocInfo', {}, [
          element('DocID', {}, text(info.docId)),
          element('Title', {}, text(info.title)),
          element('Author', {}, text(info.author)),
          element('Subject', {}, text(info.subject)),
          element('CreationDate', {}, text(info.creationDate)),
          element('Creator', {}, text(info.creator)),
          element(
            'CustomDatas',
            {},
            info.customData.map(([name, value]) => element('CustomData', { Name: name }, text(value))),
          ),
        ]),
        element('DocRoot', {}, `${DOCUMENT_DIR}/Document.xml`),
        element('Signatures', {}, SIGNATURES_LIST),
      ]),
    ]),
  );
  files.set(
    `${DOCUMENT_DIR}/Document.xml`,
    xmlFile('Document', {}, [
      element('CommonData', {}, [
        element('MaxUnitID', {}, String(ids.last())),
        element('PageArea', {}, element('PhysicalBox', {}, '0 0 210 297')),
        element('PublicRes', {}, 'PublicRes.xml'),
      ]),
      element(
        'Pages',
        {},
        pageIds.map((id, i) => element('Page', { ID: id, BaseLoc: `Pages/Page_${i}/Content.xml` })),
      ),
    ]),
  );
  files.set(
    `${DOCUMENT_DIR}/PublicRes.xml`,
    xmlFile('Res', { BaseLoc: 'Res' }, [
      element('Fonts', {}, [
        element('Font', { ID: fonts.regular, FontName: FONT_FAMILY, FamilyName: FONT_FAMILY }),
        element('Font', { ID: fonts.bold, FontName: FONT_FAMILY, FamilyName: FONT_FAMILY, Bold: 'true' }),
      ]),
    ]),
  );
  contents.forEach((content, i) => files.set(`${DOCUMENT_DIR}/Pages/Page_${i}/Content.xml`, content));
  return { files, pageIds, maxUnitId: ids.last() };
}

/** A StampAnnot's Boundary: the seal's square on its page, in millimetres. */
export function sealBoundary(place: SealPlace): string {
  const mm = (points: number) => (points * PT_TO_MM).toFixed(2);
  return `${mm(place.x)} ${mm(place.y)} ${mm(place.size)} ${mm(place.size)}`;
}

/** The package as a zip, entries in the order given and dated `at`, so the same files make the same bytes. */
export function zipOfd(files: ReadonlyMap<string, Uint8Array>, at: Date): Uint8Array {
  return zipSync(Object.fromEntries(files), { level: 6, mtime: at });
}
