import sharp from 'sharp';

// Drawn on an A4 sheet at 150 dpi and rendered at 200 dpi, the least the quality checks accept for A4.
const WIDTH = 1240;
const HEIGHT = 1754;
const SCALE = 200 / 150;

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * A scanned-looking page for a demo material: its title, the applicant, ruled lines of text and a
 * red seal, on A4 at 200 dpi. Only for the demo cases of a new installation: real pages come from
 * the document camera.
 */
export async function demoPage(title: string, applicant: string, page: number): Promise<Buffer> {
  const lines = Array.from({ length: 14 }, (_, i) => {
    const y = 520 + i * 70;
    const width = 600 + ((i * 137 + page * 53) % 320);
    return `<rect x="160" y="${y}" width="${width}" height="14" rx="7" fill="#9a9a9a"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(WIDTH * SCALE)}" height="${Math.round(HEIGHT * SCALE)}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
    <rect width="100%" height="100%" fill="#fbfaf5"/>
    <rect x="100" y="100" width="${WIDTH - 200}" height="${HEIGHT - 200}" fill="none" stroke="#333" stroke-width="4"/>
    <text x="${WIDTH / 2}" y="260" font-size="64" text-anchor="middle" font-family="Noto Serif CJK SC, Noto Sans CJK SC, serif" fill="#111">${escape(title)}</text>
    <text x="160" y="420" font-size="40" font-family="Noto Sans CJK SC, sans-serif" fill="#222">姓名：${escape(applicant)}\u3000\u3000第 ${page} 页</text>
    ${lines}
    <circle cx="${WIDTH - 330}" cy="${HEIGHT - 360}" r="130" fill="none" stroke="#c8102e" stroke-width="10" opacity="0.85"/>
    <text x="${WIDTH - 330}" y="${HEIGHT - 345}" font-size="40" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" fill="#c8102e" opacity="0.85">专用章</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}
