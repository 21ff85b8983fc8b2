import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/**
 * What the fake document camera shows: a generated household-register page (black text on off-white
 * paper, a table, a red seal), as a one-frame Y4M file Chromium loops over
 * (--use-file-for-fake-video-capture). 1600×1200 is as large as Chromium's fake device goes while
 * keeping the file small; the capture page still asks for the camera's highest resolution.
 */
export const CAMERA_WIDTH = 1600;
export const CAMERA_HEIGHT = 1200;

function documentSvg(): string {
  const rows = [
    '户主姓名　张三',
    '与户主关系　本人',
    '公民身份号码　420704198803090011',
    '出生日期　1988年3月9日',
    '住址　湖北省鄂州市鄂城区古楼街道',
  ];
  const lines = rows
    .map(
      (row, i) =>
        `<rect x="200" y="${330 + i * 120}" width="1200" height="120" fill="none" stroke="#222" stroke-width="3"/>` +
        `<text x="240" y="${405 + i * 120}" font-size="52" font-family="Noto Sans CJK SC, sans-serif" fill="#111">${row}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CAMERA_WIDTH}" height="${CAMERA_HEIGHT}">
    <rect width="100%" height="100%" fill="#5b5b5b"/>
    <rect x="120" y="60" width="1360" height="1080" fill="#f7f4ea"/>
    <text x="800" y="220" font-size="84" text-anchor="middle" font-family="Noto Serif CJK SC, Noto Sans CJK SC, serif" fill="#111">常住人口登记卡</text>
    ${lines}
    <circle cx="1220" cy="1000" r="110" fill="none" stroke="#c8102e" stroke-width="12"/>
    <text x="1220" y="1020" font-size="44" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" fill="#c8102e">户籍专用章</text>
  </svg>`;
}

/** RGB to the I420 planes of a Y4M frame (BT.601, studio range), 2×2 chroma subsampling. */
function toI420(rgb: Buffer, width: number, height: number): Buffer {
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 3;
      const r = rgb[i]!;
      const g = rgb[i + 1]!;
      const b = rgb[i + 2]!;
      y[row * width + col] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (width / 2) + col / 2;
        u[c] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
        v[c] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
      }
    }
  }
  return Buffer.concat([y, u, v]);
}

/** Writes the Y4M file into dir (once) and answers its path. */
export async function fakeCameraFile(dir: string): Promise<string> {
  const file = path.join(dir, 'document-camera.y4m');
  if (fs.existsSync(file)) return file;
  const rgb = await sharp(Buffer.from(documentSvg())).removeAlpha().raw().toBuffer();
  const header = Buffer.from(`YUV4MPEG2 W${CAMERA_WIDTH} H${CAMERA_HEIGHT} F15:1 Ip A1:1 C420jpeg\nFRAME\n`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, Buffer.concat([header, toI420(rgb, CAMERA_WIDTH, CAMERA_HEIGHT)]));
  return file;
}
