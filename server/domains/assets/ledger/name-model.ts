/**
 * Splits what people type into one "设备名称" / "名称型号" cell — brand glued to model and kind,
 * e.g. "戴尔R740服务器", "公卫数据库服务器联想Lenovo-RD650", "兄弟 HL-2260D (新增1台)" — into
 * brand, model, a kind hint and notes.
 */
import { BRANDS, KIND_KEYWORDS, MODEL_FAMILIES, type KindKey } from './dictionaries.ts';

export interface NameModelParts {
  /** The text as typed, whitespace (incl. line breaks) collapsed, note parentheses removed. */
  name: string;
  /** Brand as typed; adjacent spellings of one brand are joined by a space ("华三 H3C"). */
  brand?: string;
  /** Canonical brand key from the dictionary ("h3c"). */
  brandKey?: string;
  model?: string;
  kindHint?: KindKey;
  /** Parenthesised remarks such as "新增1台", "每年两次充放电". */
  notes: string[];
}

/** Full-width ASCII (ＡＢ１２（）) to half-width, one code unit for one, so positions are kept. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Collapses line breaks, tabs, NBSP and runs of spaces into single spaces. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, ' ').trim();
}

const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isAsciiWord = (w: string) => /^[\x20-\x7E]+$/.test(w);
/** Lower-cases A–Z only, so positions in the result match the input. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

interface KeywordEntry {
  word: string;
  lower: string;
  kind: KindKey;
  weak: boolean;
  ascii: boolean;
}
const KEYWORDS: KeywordEntry[] = KIND_KEYWORDS.flatMap((k) =>
  k.words.map((word) => ({ word, lower: word.toLowerCase(), kind: k.kind, weak: k.weak === true, ascii: isAsciiWord(word) })),
);

/** Finds `word` in `text` (case-insensitively for ASCII words, which must stand as words: a digit may follow). */
function findAll(text: string, lowerText: string, lower: string, entry: { ascii: boolean; word: string }): number[] {
  const out: number[] = [];
  const hay = entry.ascii ? lowerText : text;
  const needle = entry.ascii ? lower : entry.word;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (entry.ascii && (isAsciiLetter(text[i - 1]) || isAsciiLetter(text[i + needle.length]))) continue;
    out.push(i);
  }
  return out;
}

/**
 * The kind a name is about. Chinese noun phrases put the head last, so the keyword that ends
 * last wins ("华为OceanStor SNS2124存储光交换" is a switch, "LIS软件接口" an interface); strong
 * keywords beat weak ones (the 显示器 of "机房动力环境监控显示器" does not make it a PC).
 */
export function detectKind(text: string): { kind: KindKey; weak: boolean } | undefined {
  const half = toHalfWidth(text);
  const lowerHalf = asciiLower(half);
  let best: { end: number; len: number; kind: KindKey; weak: boolean } | undefined;
  for (const k of KEYWORDS) {
    if (!lowerHalf.includes(k.lower)) continue;
    for (const start of findAll(half, lowerHalf, k.lower, k)) {
      const cand = { end: start + k.word.length, len: k.word.length, kind: k.kind, weak: k.weak };
      if (
        !best ||
        (best.weak && !cand.weak) ||
        (best.weak === cand.weak && (cand.end > best.end || (cand.end === best.end && cand.len > best.len)))
      ) {
        best = cand;
      }
    }
  }
  return best ? { kind: best.kind, weak: best.weak } : undefined;
}

interface BrandAlias {
  alias: string;
  lower: string;
  key: string;
  ascii: boolean;
}
const BRAND_ALIASES: BrandAlias[] = BRANDS.flatMap((b) =>
  b.names.map((alias) => ({ alias, lower: alias.toLowerCase(), key: b.key, ascii: /^[A-Za-z]/.test(alias) && isAsciiWord(alias) })),
).sort((a, b) => b.alias.length - a.alias.length);
const BRAND_BY_KEY = new Map(BRANDS.map((b) => [b.key, b]));
/** Aliases by their first character (lower case), longest first. */
const ALIASES_BY_FIRST = new Map<string, BrandAlias[]>();
for (const a of BRAND_ALIASES) {
  const first = a.lower[0] ?? '';
  ALIASES_BY_FIRST.set(first, [...(ALIASES_BY_FIRST.get(first) ?? []), a]);
}

function brandAt(text: string, lowerText: string, i: number): BrandAlias | undefined {
  for (const a of ALIASES_BY_FIRST.get(lowerText[i] ?? '') ?? []) {
    if (a.ascii) {
      if (!lowerText.startsWith(a.lower, i)) continue;
      if (isAsciiLetter(text[i - 1])) continue;
      const next = text[i + a.alias.length];
      // "HPDL580-G7": HP glued to its server line
      const gluedHp = a.key === 'hp' && /^[DMBS]L\d/.test(text.slice(i + 2, i + 5));
      if (isAsciiLetter(next) && !gluedHp) continue;
      return a;
    }
    if (text.startsWith(a.alias, i)) return a;
  }
  return undefined;
}

interface BrandGroup {
  start: number;
  end: number;
  key: string;
  text: string;
}

/** Brand mentions; adjacent spellings of the same brand ("华三H3C", "Godex 科诚") form one group. */
function findBrandGroups(text: string): BrandGroup[] {
  const groups: BrandGroup[] = [];
  const lowerText = asciiLower(text);
  let i = 0;
  while (i < text.length) {
    const a = brandAt(text, lowerText, i);
    if (!a) {
      i++;
      continue;
    }
    const last = groups[groups.length - 1];
    const between = last ? text.slice(last.end, i) : '';
    if (last && last.key === a.key && /^[\s\-_/·.]*$/.test(between)) {
      last.end = i + a.alias.length;
      last.text = `${last.text} ${text.slice(i, i + a.alias.length)}`;
    } else {
      groups.push({ start: i, end: i + a.alias.length, key: a.key, text: text.slice(i, i + a.alias.length) });
    }
    i += a.alias.length;
  }
  return groups;
}

const NOTE_RE = /新增|含|每年|充放电|备用|已|借用|待|报废|原有|旧|其中|另|注[:：]|说明/;
const TOKEN = String.raw`[A-Za-z0-9][A-Za-z0-9\-_./+#]*`;
const SPAN_RE = new RegExp(`${TOKEN}(?: +${TOKEN})*`, 'g');
const ENGLISH_KIND_TOKENS = new Set(['kvm', 'ups', 'pdu', 'nas', 'waf', 'ips', 'ids', 'pc', 'server']);

function tidyModel(span: string): string | undefined {
  const tokens = span.split(/ +/);
  while (tokens.length > 1 && ENGLISH_KIND_TOKENS.has((tokens.at(-1) ?? '').toLowerCase())) {
    tokens.pop();
  }
  const model = tokens.join(' ').replace(/[-_./+]+$/, '');
  return model.length > 0 ? model : undefined;
}

/** The model after a brand: the first run of ASCII tokens; without a digit it must follow the brand directly. */
function modelAfter(work: string, from: number): string | undefined {
  const rest = work.slice(from);
  for (const m of rest.matchAll(SPAN_RE)) {
    const gap = rest.slice(0, m.index);
    const adjacent = /^[\s\-_/·.]*$/.test(gap);
    if (adjacent || /\d/.test(m[0])) return tidyModel(m[0]);
  }
  return undefined;
}

/** Without a brand: the first run of ASCII tokens with both letters and digits, outside parentheses. */
function modelWithoutBrand(work: string): string | undefined {
  const outside = work.replace(/\([^()]*\)?/g, (s) => ' '.repeat(s.length));
  for (const m of outside.matchAll(SPAN_RE)) {
    if (/\d/.test(m[0]) && /[A-Za-z]/.test(m[0]) && m[0].length >= 3) return tidyModel(m[0]);
  }
  return undefined;
}

export function kindFromModel(model: string | undefined): KindKey | undefined {
  if (!model) return undefined;
  return MODEL_FAMILIES.find((f) => f.pattern.test(model))?.kind;
}

export function parseNameModel(input: string): NameModelParts {
  const cleaned = cleanText(input);
  const half = toHalfWidth(cleaned);
  const notes: string[] = [];
  const noteSpans: Array<[number, number]> = [];
  for (const m of half.matchAll(/\(([^()]*)\)/g)) {
    const inner = (m[1] ?? '').trim();
    if (NOTE_RE.test(inner) && findBrandGroups(inner).length === 0) {
      notes.push(inner);
      noteSpans.push([m.index, m.index + m[0].length]);
    }
  }
  let work = half;
  let name = cleaned;
  for (const [s, e] of [...noteSpans].reverse()) {
    work = work.slice(0, s) + ' '.repeat(e - s) + work.slice(e);
    name = name.slice(0, s) + name.slice(e);
  }
  name = cleanText(name);

  const groups = findBrandGroups(work);
  const followedByModel = (g: BrandGroup) => /^[\s\-_/·.]*[A-Za-z0-9]/.test(work.slice(g.end));
  const group = groups.find(followedByModel) ?? groups[0];
  const model = group ? modelAfter(work, group.end) : modelWithoutBrand(work);

  const keyword = detectKind(work);
  const brandDefault = group ? BRAND_BY_KEY.get(group.key)?.defaultKind : undefined;
  const kindHint =
    (keyword && !keyword.weak ? keyword.kind : undefined) ?? kindFromModel(model) ?? keyword?.kind ?? brandDefault;

  const out: NameModelParts = { name, notes };
  if (group) {
    out.brand = group.text;
    out.brandKey = group.key;
  }
  if (model) out.model = model;
  if (kindHint) out.kindHint = kindHint;
  return out;
}

/** Canonical brand key for a value typed into a 品牌 column ("HP" → "hp", "华三H3C" → "h3c"). */
export function brandKeyOf(text: string): string | undefined {
  return findBrandGroups(toHalfWidth(cleanText(text)))[0]?.key;
}
