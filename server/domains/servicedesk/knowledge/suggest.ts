/**
 * Terms for suggesting articles while a ticket is being written, pure. No word segmentation: Latin words and numbers
 * of two characters or more, and every two-character run of Chinese text (打印机无法打印 → 打印 印机 机无 无法 法打 …). Runs that
 * say nothing about the fault (无法, 问题, 请问 …) are dropped. Bigrams that are not words (机无) rarely match anything,
 * so they cost little; the ones that do match (打印, 印机) rank the articles that share most of them first.
 */

const STOP = new Set([
  '无法', '不能', '不了', '出现', '问题', '一个', '没有', '可以', '需要', '已经', '我们', '他们', '什么', '怎么', '如何', '进行', '情况', '现在',
  '今天', '一直', '时候', '请问', '谢谢', '您好', '麻烦', '处理', '一下', '还是', '但是', '就是', '这个', '那个', '不是', '有人',
  'the', 'and', 'for', 'not', 'can', 'with', 'is', 'to', 'of', 'in', 'on', 'it', 'an', 'be', 'no',
]);
const MAX_TERMS = 24;

/** Distinct search terms of `text`, in order of appearance, at most 24. */
export function suggestTerms(text: string): string[] {
  const lower = text.toLowerCase();
  const terms = new Set<string>();
  for (const m of lower.matchAll(/[a-z0-9\u4e00-\u9fff]+/g)) {
    for (const part of m[0].split(/(?<=[\u4e00-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u4e00-\u9fff])/)) {
      if (/^[\u4e00-\u9fff]+$/.test(part)) {
        if (part.length === 1) continue;
        for (let i = 0; i + 2 <= part.length; i++) {
          const bigram = part.slice(i, i + 2);
          if (!STOP.has(bigram)) terms.add(bigram);
        }
      } else if (part.length >= 2 && !STOP.has(part)) terms.add(part);
      if (terms.size >= MAX_TERMS) return [...terms].slice(0, MAX_TERMS);
    }
  }
  return [...terms];
}

/** Which terms (and tags) an article matches, for showing why it was suggested. */
export function matchedTerms(terms: readonly string[], article: { title: string; category: string; body: string; tags: readonly string[] }, text: string): string[] {
  const hay = `${article.title} ${article.category} ${article.body}`.toLowerCase();
  const lower = text.toLowerCase();
  return [...new Set([...article.tags.filter((t) => t.length >= 2 && lower.includes(t.toLowerCase())), ...terms.filter((t) => hay.includes(t))])];
}
