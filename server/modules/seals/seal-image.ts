import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

const require = createRequire(import.meta.url);
const FONT_FAMILY = 'Hukou Seal Sans SC';
let fontRegistered = false;

/** The font ships with the npm package, so the seal reads the same on every machine, CJK fonts installed or not. */
function ensureFont(): void {
  if (fontRegistered) return;
  GlobalFonts.registerFromPath(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'), FONT_FAMILY);
  fontRegistered = true;
}

/** A round official seal is 42 mm across (GA 241-2000 for public bodies' seals of this rank). */
export const SEAL_DIAMETER_MM = 42;
const SIZE = 496; // pixels: 300 dpi at 42 mm
const RED = '#d7141a';

function star(ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.382;
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
  }
  ctx.closePath();
  ctx.fill();
}

/**
 * The red round seal of a unit as a PNG with a transparent ground: border ring, the unit's name
 * along the upper arc, a five-pointed star, and the seal's purpose beneath it. Embedded in the
 * SES_Seal (its picture) and drawn on notices.
 */
export function renderSealImage(unitName: string, purpose: string): Uint8Array {
  ensureFont();
  const canvas = createCanvas(SIZE, SIZE);
  const ctx = canvas.getContext('2d');
  const c = SIZE / 2;
  ctx.strokeStyle = RED;
  ctx.fillStyle = RED;
  ctx.lineWidth = SIZE * 0.035;
  ctx.beginPath();
  ctx.arc(c, c, c - ctx.lineWidth, 0, Math.PI * 2);
  ctx.stroke();
  star(ctx, c, c, SIZE * 0.15);

  const characters = [...unitName];
  // The name runs along 170 to 220 degrees of the upper arc, centred on the top, smaller when long.
  const maxSpan = (220 * Math.PI) / 180;
  const fontSize = Math.min(SIZE * 0.11, (maxSpan * SIZE * 0.37) / (Math.max(characters.length, 1) * 1.2));
  ctx.font = `${fontSize}px "${FONT_FAMILY}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const radius = c - ctx.lineWidth * 1.6 - fontSize * 0.6;
  // A short name is spread wider, as on a carved seal.
  const span = Math.max(Math.min(maxSpan, ((characters.length - 1) * fontSize * 1.2) / radius), characters.length >= 4 ? (170 * Math.PI) / 180 : 0);
  characters.forEach((character, i) => {
    const angle = -Math.PI / 2 - span / 2 + (characters.length === 1 ? span / 2 : (i * span) / (characters.length - 1));
    ctx.save();
    ctx.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
    ctx.rotate(angle + Math.PI / 2);
    ctx.fillText(character, 0, 0);
    ctx.restore();
  });

  ctx.font = `${SIZE * 0.075}px "${FONT_FAMILY}"`;
  ctx.fillText(purpose, c, c + SIZE * 0.27);
  return new Uint8Array(canvas.toBuffer('image/png'));
}
