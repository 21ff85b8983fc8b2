import sharp from 'sharp';
import { type PaperSize, PAPER_SIZES, pixelsAt } from '../../server/modules/documents/paper.ts';
import { seededRandom } from '../../server/random/seeded-random.ts';

/**
 * Generated document pages for the capture tests: realistic enough that the quality checks and the
 * reuse detection are tried on what a window sees, namely forms of one kind that differ only in what
 * was filled in. A page is an SVG drawn in millimetres (Chinese text in Noto CJK, ruled table, a red
 * seal), rendered at any pixel size, then spoilt the way a capture spoils it (blur, exposure, skew),
 * with paper tint, uneven light and sensor noise. Everything follows from the seed.
 */

export type DocumentTemplate = 'register-form' | 'application-letter' | 'hukou-page' | 'id-card';
export type PageVariant = 'sharp' | 'blurred' | 'dark' | 'overexposed' | 'blank' | 'skewed' | 'low-resolution';

export const PAGE_VARIANTS: readonly PageVariant[] = ['sharp', 'blurred', 'dark', 'overexposed', 'blank', 'skewed', 'low-resolution'];

/** The paper each template is printed on. */
export const TEMPLATE_PAPER: Record<DocumentTemplate, PaperSize> = {
  'register-form': 'a4',
  'application-letter': 'a4',
  'hukou-page': 'hukou-page',
  'id-card': 'id-card',
};

export interface PageSpec {
  seed: number;
  template?: DocumentTemplate;
  variant?: PageVariant;
  /** Scan resolution of the sheet; ignored when width and height are given. Default 200. */
  dpi?: number;
  width?: number;
  height?: number;
  format?: 'jpeg' | 'png';
  quality?: number;
  /** Degrees, clockwise; the 'skewed' variant picks 4 to 8 degrees either way by itself. */
  rotate?: number;
  /** Standard deviation of the sensor noise, in 8-bit levels (default 3). */
  noise?: number;
  /**
   * When set, what was filled in (names, numbers, dates, text) follows this seed, while the
   * photograph, the seal's place and angle and the signature still follow `seed`: the same sheet
   * filled in for someone else, as one clerk stamps and signs one hospital's certificates.
   */
  fill?: number;
}

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

/** The pixel size the spec asks for. 'low-resolution' scans at 100 dpi. */
export function pageSize(spec: PageSpec): { width: number; height: number } {
  if (spec.width && spec.height) return { width: spec.width, height: spec.height };
  const dpi = spec.variant === 'low-resolution' ? 100 : (spec.dpi ?? 200);
  return pixelsAt(TEMPLATE_PAPER[spec.template ?? 'register-form'], dpi);
}

/** Seeded numbers that vary the documents: the same seed, the same document. */
export const prng = seededRandom;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力永健世广义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清飞彬富顺信子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const PROSE =
  '本人因工作调动需将户口由原籍迁入现居住地经单位同意并提供相关证明材料特此申请请予办理为盼现将有关情况说明如下申请人自二〇一五年起在鄂州市工作居住已取得合法稳定住所符合落户条件所提供材料均真实有效如有虚假愿承担相应法律责任家庭成员均无异议同意随迁子女就读于本市学校原户籍地派出所已出具证明经社区核实情况属实同意其申请';
const STREETS = ['古楼街道', '凤凰街道', '西山街道', '樊口街道', '新庙镇', '杨叶镇', '华容镇', '葛店镇', '段店镇', '长港镇'];
const ROADS = ['滨湖南路', '寒溪路', '江碧路', '南浦路', '武昌大道', '吴都大道', '鄂城大道', '文星路', '凤凰路', '洋澜路'];
const NATIONS = ['汉族', '汉族', '汉族', '回族', '土家族', '苗族'];
const EDUCATION = ['大学本科', '大学专科', '高中', '初中', '研究生'];
const JOBS = ['职员', '教师', '工人', '个体经营', '医生', '工程师', '农民'];
const RELATIONS = ['户主', '妻', '长子', '长女', '次子', '母亲'];
const STATIONS = ['古楼派出所', '凤凰派出所', '西山派出所', '樊口派出所', '华容派出所', '葛店派出所'];

const FONT_SANS = 'Noto Sans CJK SC, sans-serif';
const FONT_SERIF = 'Noto Serif CJK SC, Noto Sans CJK SC, serif';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

class Filler {
  constructor(private readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[] | string): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  name(): string {
    const given = Array.from({ length: this.int(1, 2) }, () => this.pick<string>(GIVEN)).join('');
    return this.pick<string>(SURNAMES) + given;
  }
  date(from: number, to: number): { y: number; m: number; d: number } {
    return { y: this.int(from, to), m: this.int(1, 12), d: this.int(1, 28) };
  }
  digits(n: number): string {
    return Array.from({ length: n }, () => this.int(0, 9)).join('');
  }
  idNumber(birth: { y: number; m: number; d: number }): string {
    const pad = (v: number) => String(v).padStart(2, '0');
    return `4207${this.pick<string>(['02', '03', '04'])}${birth.y}${pad(birth.m)}${pad(birth.d)}${this.digits(3)}${this.pick<string>('0123456789X')}`;
  }
  address(): string {
    return `湖北省鄂州市${this.pick(STREETS)}${this.pick(ROADS)}${this.int(1, 399)}号${this.int(1, 30)}栋${this.int(101, 2604)}室`;
  }
  prose(chars: number): string {
    const start = this.int(0, PROSE.length - 1);
    let text = '';
    while (text.length < chars) text += PROSE.slice(start) + PROSE.slice(0, start);
    // A few words swapped for other characters, so two letters of the same kind read differently.
    return Array.from(text.slice(0, chars), (c) => (this.random() < 0.3 ? this.pick<string>(GIVEN) : c)).join('');
  }
}

const ymd = (d: { y: number; m: number; d: number }) => `${d.y}年${d.m}月${d.d}日`;

function text(x: number, y: number, size: number, content: string, extra = '', fill = '#1a1a1a'): string {
  return `<text x="${x}" y="${y}" font-size="${size}" font-family="${FONT_SANS}" fill="${fill}" ${extra}>${escape(content)}</text>`;
}

/** A round official seal: ring, star, the unit's name along the upper arc (one turned glyph each), a title below. */
function seal(cx: number, cy: number, r: number, unit: string, title: string, turn = 0): string {
  const size = r * 0.26;
  const chars = Array.from(unit);
  const span = Math.min(250, chars.length * 22);
  const arc = chars
    .map((c, i) => {
      const degrees = -90 - span / 2 + (span * (i + 0.5)) / chars.length;
      const a = (degrees * Math.PI) / 180;
      const x = cx + r * 0.74 * Math.cos(a);
      const y = cy + r * 0.74 * Math.sin(a);
      return `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" font-size="${size}" font-family="${FONT_SANS}" text-anchor="middle" dominant-baseline="central" transform="rotate(${(degrees + 90).toFixed(1)} ${x.toFixed(2)} ${y.toFixed(2)})">${escape(c)}</text>`;
    })
    .join('');
  return `<g opacity="0.82" fill="#c8102e" transform="rotate(${turn} ${cx} ${cy})">
    <circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#c8102e" stroke-width="${r * 0.06}"/>
    ${arc}
    <polygon points="${star(cx, cy, r * 0.26)}"/>
    <text x="${cx}" y="${cy + r * 0.62}" font-size="${size * 0.9}" font-family="${FONT_SANS}" text-anchor="middle">${escape(title)}</text>
  </g>`;
}

function star(cx: number, cy: number, r: number): string {
  return Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.4;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${(cx + radius * Math.cos(angle)).toFixed(2)},${(cy + radius * Math.sin(angle)).toFixed(2)}`;
  }).join(' ');
}

/** A head-and-shoulders photograph: people differ in face, hair, build, clothes and where they sit in the frame. */
function portrait(x: number, y: number, w: number, h: number, f: Filler): string {
  const cx = x + w / 2 + w * (f.int(-8, 8) / 100);
  const cy = y + h * (0.36 + f.int(-4, 4) / 100);
  const face = w * (0.17 + f.int(0, 7) / 100);
  const hair = `#${['1d1a18', '2b2420', '3a2f28', '4a4038', '111111'][f.int(0, 4)]}`;
  const hairTop = face * (1.1 + f.int(0, 6) / 10);
  const hairWide = face * (1.05 + f.int(0, 4) / 10);
  const shoulders = w * (0.36 + f.int(0, 14) / 100);
  const clothes = `rgb(${f.int(30, 200)},${f.int(30, 200)},${f.int(30, 200)})`;
  const background = ['#e4e7ea', '#dfe9f3', '#f2f2f2', '#d6e4f0'][f.int(0, 3)];
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${background}" stroke="#555" stroke-width="0.3"/>
    <path d="M ${cx - shoulders} ${y + h} Q ${cx} ${cy + face * (1.6 + f.int(0, 4) / 10)} ${cx + shoulders} ${y + h} Z" fill="${clothes}"/>
    <ellipse cx="${cx}" cy="${cy - face * 0.25}" rx="${hairWide}" ry="${hairTop}" fill="${hair}"/>
    <ellipse cx="${cx}" cy="${cy + face * 0.15}" rx="${face}" ry="${face * 1.25}" fill="#c9a48c"/>`;
}

/** A handwritten signature: a few connected strokes, as no two signings are alike. */
function signature(x: number, y: number, f: Filler): string {
  let d = `M ${x} ${y}`;
  for (let i = 0; i < f.int(4, 7); i++) d += ` q ${f.int(-2, 4)} ${f.int(-7, 3)} ${f.int(3, 7)} ${f.int(-2, 2)}`;
  return `<path d="${d}" fill="none" stroke="#14213d" stroke-width="0.45" stroke-linecap="round"/>`;
}

/** 常住人口登记表: a ruled A4 form; every page of this kind shares the grid, labels and the seal's rough place. */
function registerForm(f: Filler, look: Filler = f): string {
  const birth = f.date(1950, 2020);
  const rows: [string, string][][] = [
    [
      ['姓名', f.name()],
      ['户主或与户主关系', f.pick(RELATIONS)],
    ],
    [
      ['曾用名', f.int(0, 2) === 0 ? f.name() : '无'],
      ['性别', f.pick(['男', '女'])],
    ],
    [
      ['出生地', `湖北省鄂州市${f.pick(STREETS)}`],
      ['民族', f.pick(NATIONS)],
    ],
    [
      ['籍贯', `湖北省${f.pick(['鄂州市', '黄石市', '武汉市', '黄冈市', '咸宁市'])}`],
      ['出生日期', ymd(birth)],
    ],
    [['公民身份号码', f.idNumber(birth)]],
    [['本市（县）其他住址', f.address()]],
    [
      ['文化程度', f.pick(EDUCATION)],
      ['婚姻状况', f.pick(['未婚', '已婚', '离婚', '丧偶'])],
    ],
    [
      ['服务处所', `鄂州市${f.pick(['第一', '第二', '第三'])}${f.pick(['中学', '医院', '机械厂', '供电公司'])}`],
      ['职业', f.pick(JOBS)],
    ],
    [['何时由何地迁来本市', `${ymd(f.date(1990, 2025))} 由${f.address().slice(0, 9)}迁来`]],
    [['何时由何地迁来本址', `${ymd(f.date(1990, 2025))} 由${f.address().slice(0, 12)}迁来`]],
  ];
  const top = 46;
  const rowH = 13;
  const left = 18;
  const right = 192;
  const table = rows
    .map((cells, i) => {
      const y = top + i * rowH;
      const width = (right - left - (i < 4 ? 34 : 0)) / cells.length;
      return cells
        .map(([label, value], j) => {
          const x = left + j * width;
          const labelW = Math.min(label.length * 4.2 + 5, width * 0.5);
          return `<rect x="${x}" y="${y}" width="${width}" height="${rowH}" fill="none" stroke="#222" stroke-width="0.35"/>
            <line x1="${x + labelW}" y1="${y}" x2="${x + labelW}" y2="${y + rowH}" stroke="#222" stroke-width="0.25"/>
            ${text(x + 2, y + 8.6, 3.8, label)}${text(x + labelW + 2.5, y + 8.8, 4.2, value)}`;
        })
        .join('');
    })
    .join('');
  const remarkTop = top + rows.length * rowH + 12;
  const remarks = Array.from({ length: f.int(3, 7) }, (_, i) => text(22, remarkTop + 10 + i * 8, 4.2, f.prose(f.int(24, 36)))).join('');
  // A seal is never pressed twice in the same place at the same angle.
  const sealX = 150 + look.int(-6, 6);
  const sealY = 250 + look.int(-6, 6);
  return `<text x="105" y="30" font-size="9" font-family="${FONT_SERIF}" text-anchor="middle" fill="#111">常住人口登记表</text>
    ${text(18, 41, 3.6, `户号：${f.digits(9)}`)}${text(150, 41, 3.6, `编号：${f.digits(6)}`)}
    ${table}
    ${portrait(right - 31, top + 1, 29, rowH * 4 - 2, look)}
    <rect x="${left}" y="${remarkTop}" width="${right - left}" height="70" fill="none" stroke="#222" stroke-width="0.35"/>
    ${text(22, remarkTop + 2 - 4 + 6, 3.6, '备注：')}${remarks}
    ${text(22, 262, 4.2, `承办人：${f.name()}`)}${text(22, 272, 4.2, `登记日期：${ymd(f.date(2024, 2026))}`)}
    ${signature(52, 260, look)}
    ${seal(sealX, sealY, 19, `鄂州市公安局${look.pick(STATIONS)}`, '户口专用章', look.int(-20, 20))}`;
}

/** 户口迁移申请: a letter in paragraphs with a signature and date. */
function applicationLetter(f: Filler, look: Filler = f): string {
  const paragraphs = f.int(3, 5);
  let y = 64;
  const lines: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const count = f.int(2, 5);
    for (let i = 0; i < count; i++) {
      const indent = i === 0 ? 10 : 0;
      const chars = i === count - 1 ? f.int(8, 30) : 32 - indent / 5;
      lines.push(text(22 + indent, y, 5, f.prose(Math.round(chars))));
      y += 9;
    }
    y += 4;
  }
  return `<text x="105" y="36" font-size="9" font-family="${FONT_SERIF}" text-anchor="middle" fill="#111">户口迁移申请书</text>
    ${text(22, 52, 5, `${f.pick(STATIONS)}：`)}
    ${lines.join('')}
    ${text(120, y + 16, 5, `申请人：${f.name()}`)}${signature(160, y + 14, look)}${text(120, y + 28, 5, ymd(f.date(2024, 2026)))}
    ${text(22, 280, 3.5, `联系电话：1${f.digits(10)}`)}`;
}

/** 常住人口登记卡 as printed in the 居民户口簿: the card's fields two to a row where they are short. */
function hukouPage(f: Filler, look: Filler = f): string {
  const birth = f.date(1950, 2020);
  const rows: [string, string][][] = [
    [
      ['姓名', f.name()],
      ['户主或与户主关系', f.pick(RELATIONS)],
    ],
    [
      ['曾用名', f.int(0, 2) === 0 ? f.name() : ''],
      ['性别', f.pick(['男', '女'])],
    ],
    [
      ['出生地', `湖北省鄂州市${f.pick(STREETS)}`],
      ['民族', f.pick(NATIONS)],
    ],
    [
      ['籍贯', `湖北省${f.pick(['鄂州市', '黄石市', '武汉市', '黄冈市'])}`],
      ['出生日期', ymd(birth)],
    ],
    [['本市（县）其他住址', f.int(0, 1) === 0 ? f.address() : '']],
    [
      ['宗教信仰', f.int(0, 3) === 0 ? f.pick(['佛教', '基督教', '伊斯兰教']) : ''],
      ['身高', `${f.int(150, 188)}厘米`],
    ],
    [['公民身份号码', f.idNumber(birth)]],
    [
      ['文化程度', f.pick(EDUCATION)],
      ['血型', f.pick(['A', 'B', 'O', 'AB', '不明'])],
    ],
    [
      ['婚姻状况', f.pick(['未婚', '已婚', '离婚', '丧偶'])],
      ['兵役状况', f.pick(['未服兵役', '退出现役', '预备役'])],
    ],
    [
      ['服务处所', `鄂州市${f.pick(['第一', '第二', '第三'])}${f.pick(['中学', '医院', '机械厂', '供电公司'])}`],
      ['职业', f.pick(JOBS)],
    ],
    [['何时由何地迁来本市（县）', f.int(0, 1) === 0 ? `${ymd(f.date(1990, 2025))} ${f.address().slice(0, 10)}` : '']],
    [['何时由何地迁来本址', `${ymd(f.date(1990, 2025))} ${f.address().slice(0, 10)}`]],
  ];
  const rowH = 8.6;
  const top = 19;
  const table = rows
    .map((cells, i) => {
      const y = top + i * rowH;
      const width = 93 / cells.length;
      return cells
        .map(([label, value], j) => {
          const x = 6 + j * width;
          const labelW = Math.min(label.length * 2.5 + 2, width * 0.55);
          return `<rect x="${x}" y="${y}" width="${width}" height="${rowH}" fill="none" stroke="#333" stroke-width="0.25"/>
            <line x1="${x + labelW}" y1="${y}" x2="${x + labelW}" y2="${y + rowH}" stroke="#333" stroke-width="0.2"/>
            ${text(x + 1, y + 5.6, 2.2, label)}${text(x + labelW + 1.2, y + 5.8, 2.9, value)}`;
        })
        .join('');
    })
    .join('');
  const footer = top + rows.length * rowH + 7;
  return `<rect width="105" height="143" fill="#f3efe1"/>
    <text x="52.5" y="13" font-size="6" font-family="${FONT_SERIF}" text-anchor="middle" fill="#111">常住人口登记卡</text>
    ${table}
    ${text(7, footer, 2.6, '承办人签章：')}${signature(23, footer - 1, look)}
    ${text(7, footer + 8, 2.6, `登记日期：${ymd(f.date(2010, 2026))}`)}
    ${seal(80 + look.int(-5, 5), footer + 2 + look.int(-3, 3), 10, '鄂州市公安局', '户口登记章', look.int(-20, 20))}`;
}

/** 居民身份证 (front): pale guilloche ground, fields, a portrait, the number. */
function idCard(f: Filler, look: Filler = f): string {
  const birth = f.date(1950, 2008);
  const waves = Array.from(
    { length: 9 },
    (_, i) => `<path d="M 0 ${8 + i * 5} Q 21 ${4 + i * 5} 43 ${8 + i * 5} T 86 ${8 + i * 5}" fill="none" stroke="#b9d3e6" stroke-width="0.3"/>`,
  ).join('');
  const small = (x: number, y: number, s: string) => `<text x="${x}" y="${y}" font-size="2.3" font-family="${FONT_SANS}" fill="#2a6aa0">${s}</text>`;
  return `<rect width="85.6" height="54" rx="3" fill="#eef4f8"/>${waves}
    ${small(6, 9, '姓 名')}${text(15, 9.2, 3.4, f.name())}
    ${small(6, 15, '性 别')}${text(15, 15.2, 3, f.pick(['男', '女']))}${small(25, 15, '民 族')}${text(33, 15.2, 3, f.pick(NATIONS).replace('族', ''))}
    ${small(6, 21, '出 生')}${text(15, 21.2, 3, `${birth.y}  年  ${birth.m}  月  ${birth.d}  日`)}
    ${small(6, 27, '住 址')}${text(15, 27.2, 2.9, f.address().slice(0, 14))}${text(15, 31.6, 2.9, f.address().slice(14, 26) || '　')}
    ${small(6, 46, '公民身份号码')}${text(25, 46.4, 3.6, f.idNumber(birth), 'letter-spacing="0.35"')}
    ${portrait(56, 6, 24, 30, look)}`;
}

const TEMPLATES: Record<DocumentTemplate, (f: Filler, look?: Filler) => string> = {
  'register-form': registerForm,
  'application-letter': applicationLetter,
  'hukou-page': hukouPage,
  'id-card': idCard,
};

/** The page's SVG, in millimetres, scaled to the pixel size. A blank page keeps the paper and a page number. */
export function documentSvg(spec: PageSpec): string {
  const template = spec.template ?? 'register-form';
  const { widthMm, heightMm } = PAPER_SIZES[TEMPLATE_PAPER[template]];
  const { width, height } = pageSize(spec);
  const body =
    spec.variant === 'blank'
      ? text(widthMm / 2, heightMm - 8, 2.6, `- ${(spec.seed % 40) + 1} -`, 'text-anchor="middle"', '#666')
      : spec.fill === undefined
        ? TEMPLATES[template](new Filler(prng(spec.seed)))
        : TEMPLATES[template](new Filler(prng(spec.fill)), new Filler(prng(spec.seed)));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${widthMm} ${heightMm}" preserveAspectRatio="none">
    <rect width="${widthMm}" height="${heightMm}" fill="#fbf9f2"/>${body}</svg>`;
}

const PAPER_RGB = { r: 251, g: 249, b: 242 };

/** 'skewed' turns the page 4 to 8 degrees, either way, as a sheet laid crooked under the camera. */
function rotationOf(spec: PageSpec): number {
  if (spec.rotate !== undefined) return spec.rotate;
  if (spec.variant !== 'skewed') return 0;
  const random = prng(spec.seed ^ 0x5eed);
  return (random() < 0.5 ? -1 : 1) * (4 + random() * 4);
}

/** Blur as an out-of-focus lens makes it: 0.45 mm on the sheet, whatever the resolution. */
function blurSigma(spec: PageSpec, width: number): number {
  const template = spec.template ?? 'register-form';
  const pxPerMm = width / PAPER_SIZES[TEMPLATE_PAPER[template]].widthMm;
  return Math.max(1.2, 0.45 * pxPerMm);
}

/** The page as 8-bit RGB, after the capture's own spoiling, before encoding. */
export async function documentPixels(spec: PageSpec): Promise<Pixels> {
  const { width, height } = pageSize(spec);
  let image = sharp(Buffer.from(documentSvg(spec)));
  const angle = rotationOf(spec);
  if (angle !== 0) {
    const rotated = await image.rotate(angle, { background: PAPER_RGB }).png({ compressionLevel: 0 }).toBuffer({ resolveWithObject: true });
    image = sharp(rotated.data).extract({
      left: Math.floor((rotated.info.width - width) / 2),
      top: Math.floor((rotated.info.height - height) / 2),
      width,
      height,
    });
  }
  if (spec.variant === 'blurred') image = sharp(await image.png({ compressionLevel: 0 }).toBuffer()).blur(blurSigma(spec, width));
  const { data } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  spoil(data, width, height, spec);
  return { data, width, height };
}

/**
 * Light and sensor: uneven illumination (a few percent, brighter towards a seeded point), the
 * exposure of the variant, then noise. Noise comes last, as in a camera, so a blurred page is not
 * smooth and the blur check cannot rely on that.
 */
function spoil(data: Buffer, width: number, height: number, spec: PageSpec): void {
  const random = prng(spec.seed * 7919 + 17);
  const cx = random();
  const cy = random();
  const sigma = spec.noise ?? 3;
  const exposure =
    spec.variant === 'dark'
      ? (v: number) => v * 0.3 + 3
      : spec.variant === 'overexposed'
        ? (v: number) => 1.3 * 255 * Math.pow(v / 255, 0.4)
        : (v: number) => v;
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = exposure(v);
  for (let y = 0; y < height; y++) {
    const dy = y / height - cy;
    for (let x = 0; x < width; x++) {
      const dx = x / width - cx;
      const light = 1 - 0.08 * (dx * dx + dy * dy);
      const n = (random() + random() + random() - 1.5) * 2 * sigma;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = clamp(lut[data[i + c]!]! * light + n);
    }
  }
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

export function encode(pixels: Pixels, format: 'jpeg' | 'png' = 'jpeg', quality = 85): Promise<Buffer> {
  const image = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } });
  return (format === 'png' ? image.png() : image.jpeg({ quality })).toBuffer();
}

/** A generated page, encoded as asked (JPEG quality 85 unless told). */
export async function documentPage(spec: PageSpec): Promise<Buffer> {
  return encode(await documentPixels(spec), spec.format, spec.quality);
}

/** The desk's colour: a warm grey, red, green and blue about its level. */
const DESK_TINT = [6, 2, -4];

/** How a sheet lies under the camera for one photograph; the default is the sheet centred, square, in even light. */
export interface CameraShot {
  /** The sheet moved from the centre, in pixels of the 4000 × 3000 frame. */
  dx?: number;
  dy?: number;
  /** The sheet turned on the desk, degrees. */
  angle?: number;
  /** The light, as a gain on everything the camera sees. */
  light?: number;
}

/**
 * What a 12-megapixel document camera sends: a 4000 × 3000 colour JPEG of 2 to 4 MB showing an A4
 * register form lying on a grey desk, with grain and noise strong enough to compress as a photograph
 * does (a clean synthetic page would be a few hundred KB). Another shot of the same seed is the same
 * sheet photographed again: placed and turned otherwise, in other light, with its own grain.
 */
export async function cameraJpeg(seed: number, shot: CameraShot = {}): Promise<Buffer> {
  const { dx = 0, dy = 0, angle = 0, light = 1 } = shot;
  const width = 4000;
  const height = 3000;
  const pageHeight = 2860;
  const pageWidth = Math.round((pageHeight * 210) / 297);
  let page: { data: Buffer; width: number; height: number; channels: number } = {
    ...(await documentPixels({ seed, template: 'register-form', width: pageWidth, height: pageHeight, noise: 0 })),
    channels: 3,
  };
  if (angle !== 0) {
    const turned = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 3 } })
      .rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    page = { data: turned.data, width: turned.info.width, height: turned.info.height, channels: 4 };
  }
  const left = Math.round((width - page.width) / 2 + dx);
  const top = Math.round((height - page.height) / 2 + dy);
  const data = Buffer.alloc(width * height * 3);
  const shotSeed = dx === 0 && dy === 0 && angle === 0 && light === 1 ? 0 : Math.round(dx * 7 + dy * 13 + angle * 101 + light * 1009);
  const random = prng(seed ^ 0xca3e7a ^ shotSeed);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const inPage = x >= left && x < left + page.width && y >= top && y < top + page.height;
      const grain = (random() + random() - 1) * 14;
      const desk = 92 + 8 * Math.sin((x + 3 * y) / 240) + grain * 1.5;
      const p = inPage ? ((y - top) * page.width + (x - left)) * page.channels : -1;
      // Opaque paper where the sheet is; at its turned edges the paper's alpha blends it with the desk.
      const cover = p < 0 ? 0 : page.channels === 4 ? page.data[p + 3]! / 255 : 1;
      if (cover === 1) {
        for (let c = 0; c < 3; c++) data[o + c] = clamp((page.data[p + c]! * 0.94 + grain) * light);
      } else {
        for (let c = 0; c < 3; c++) {
          const paper = cover > 0 ? page.data[p + c]! * 0.94 + grain : 0;
          data[o + c] = clamp((paper * cover + (desk + DESK_TINT[c]!) * (1 - cover)) * light);
        }
      }
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Pages joined into one multi-page TIFF (all pages the same size), as a sheet-fed scanner writes. */
export async function multiPageTiff(pages: Pixels[], compression: 'lzw' | 'jpeg' | 'deflate' = 'lzw'): Promise<Buffer> {
  const raw = (p: Pixels) => sharp(p.data, { raw: { width: p.width, height: p.height, channels: 3 } });
  if (pages.length === 1) return raw(pages[0]!).tiff({ compression }).toBuffer();
  const inputs = pages.map((p) => raw(p).png({ compressionLevel: 1 }).toBuffer());
  return sharp(await Promise.all(inputs), { join: { animated: true } })
    .tiff({ compression })
    .toBuffer();
}

export interface PdfPage {
  jpeg: Buffer;
  width: number;
  height: number;
  /** The page size in millimetres; the image fills it. */
  widthMm: number;
  heightMm: number;
  /** Written into the page's content as an inline image (BI … ID … EI) instead of an XObject. */
  inline?: boolean;
  /** A greyscale scan's JPEG is DeviceGray; default DeviceRGB. */
  colorSpace?: 'DeviceRGB' | 'DeviceGray';
}

/**
 * A PDF as a scanner writes it: one page per scan, each a JPEG (DCTDecode) image filling the page.
 * Written by hand so the tests need no PDF library; the cross-reference offsets are exact.
 */
export function scannerPdf(pages: PdfPage[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Buffer) => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, ...body: (string | Buffer)[]) => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
    body.forEach(push);
    push('\nendobj\n');
  };
  const pt = (mm: number) => ((mm * 72) / 25.4).toFixed(2);
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + i * 3} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  pages.forEach((page, i) => {
    const id = 3 + i * 3;
    const [w, h] = [pt(page.widthMm), pt(page.heightMm)];
    const content = page.inline
      ? Buffer.concat([
          Buffer.from(
            `q ${w} 0 0 ${h} 0 0 cm BI /W ${page.width} /H ${page.height} /CS /${page.colorSpace === 'DeviceGray' ? 'G' : 'RGB'} /BPC 8 /F /DCT ID `,
            'latin1',
          ),
          page.jpeg,
          Buffer.from('\nEI Q', 'latin1'),
        ])
      : Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, 'latin1');
    const resources = page.inline ? '<< >>' : `<< /XObject << /Im0 ${id + 1} 0 R >> >>`;
    object(id, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources ${resources} /Contents ${id + 2} 0 R >>`);
    if (page.inline) object(id + 1, 'null');
    else
      object(
        id + 1,
        `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /${page.colorSpace ?? 'DeviceRGB'} /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`,
        page.jpeg,
        '\nendstream',
      );
    object(id + 2, `<< /Length ${content.length} >>\nstream\n`, content, '\nendstream');
  });
  const xref = length;
  const size = 3 + pages.length * 3;
  push(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let id = 1; id < size; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

export type CopyTransform = 'recompressed' | 'rescaled' | 'cropped' | 'rephotographed';
export const COPY_TRANSFORMS: readonly CopyTransform[] = ['recompressed', 'rescaled', 'cropped', 'rephotographed'];

/**
 * A copy of a page image as someone reusing it would make it, each varied by the seed:
 * - recompressed: saved again as JPEG at quality 40 to 60;
 * - rescaled: to 0.5 or 0.75 of its size;
 * - cropped: 3 to 5 % of the width and of the height cut away, split unevenly between the sides;
 * - rephotographed: other light (brightness 0.8–1.1, gamma 0.8–1.25), slightly out of focus
 *   (sigma 0.8–1.3 px) and turned 0.6–1.2 degrees either way, then saved at quality 85.
 */
export async function copyOf(bytes: Buffer, transform: CopyTransform, seed: number): Promise<Buffer> {
  const random = prng(seed * 31 + COPY_TRANSFORMS.indexOf(transform));
  const between = (min: number, max: number) => min + random() * (max - min);
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  switch (transform) {
    case 'recompressed':
      return sharp(bytes)
        .jpeg({ quality: Math.round(between(40, 60)) })
        .toBuffer();
    case 'rescaled':
      return sharp(bytes)
        .resize({ width: Math.round(width * (random() < 0.5 ? 0.5 : 0.75)) })
        .jpeg({ quality: 85 })
        .toBuffer();
    case 'cropped': {
      const cutX = Math.round(width * between(0.03, 0.05));
      const cutY = Math.round(height * between(0.03, 0.05));
      const left = Math.round(cutX * random());
      const top = Math.round(cutY * random());
      return sharp(bytes)
        .extract({ left, top, width: width - cutX, height: height - cutY })
        .jpeg({ quality: 85 })
        .toBuffer();
    }
    case 'rephotographed': {
      const gain = between(0.8, 1.1);
      const gamma = between(0.8, 1.25);
      const angle = (random() < 0.5 ? -1 : 1) * between(0.6, 1.2);
      const turned = await sharp(bytes)
        .rotate(angle, { background: { r: 200, g: 200, b: 196 } })
        .blur(between(0.8, 1.3))
        .png({ compressionLevel: 0 })
        .toBuffer({ resolveWithObject: true });
      const lut = (v: number) => 255 * Math.pow(Math.min(1, (v / 255) * gain), gamma);
      const { data, info } = await sharp(turned.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      for (let i = 0; i < data.length; i++) data[i] = clamp(lut(data[i]!));
      return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer();
    }
  }
}
