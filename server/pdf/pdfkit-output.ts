import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

const require = createRequire(import.meta.url);

// Read once per process: each document embeds only the glyphs it uses (pdfkit subsets them).
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/**
 * Noto Sans SC, shipped in npm, registered as 'regular' and 'bold', so the Chinese of a notice or a
 * bulletin reads the same on every machine; and the document's bytes once it ends.
 */
export function pdfkitOutput(doc: Doc): Promise<Buffer> {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  return done;
}
