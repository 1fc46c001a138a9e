/**
 * The criteria language: small, readable expressions over the person and the assessment, e.g.
 *
 *   age >= 18 and iplos.memory >= 3
 *   has_diagnosis("F20", "F25") or answers.pathway in [2, 3]
 *   not receives("long_term_stay") and count_scores_at_least(4) >= 3
 *
 * Grammar (precedence low to high): or, and, not, comparison (= != < <= > >= in), primary
 * (number, "string", true, false, [list], name.path, function(args), (expr)).
 * A parse error carries the position (1-based column) and what was expected. Brackets, calls and
 * "not" nest at most MAX_NESTING levels deep, so no expression can exhaust the call stack.
 */

export type Node =
  | { readonly kind: 'literal'; readonly value: number | string | boolean; readonly at: number }
  | { readonly kind: 'list'; readonly items: readonly Node[]; readonly at: number }
  | { readonly kind: 'path'; readonly path: readonly string[]; readonly at: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[]; readonly at: number }
  | { readonly kind: 'not'; readonly operand: Node; readonly at: number }
  | { readonly kind: 'logic'; readonly op: 'and' | 'or'; readonly left: Node; readonly right: Node; readonly at: number }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Node; readonly right: Node; readonly at: number };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

export class CriteriaSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(`at position ${position}: ${reason}`);
  }
}

interface Token {
  readonly type: 'number' | 'string' | 'name' | 'op' | 'punct' | 'end';
  readonly text: string;
  readonly at: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false']);

/** How deeply brackets, function calls and "not" may nest; far more than any real criterion needs. */
export const MAX_NESTING = 100;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|=|<|>)|([().,[\]]))/y;
  // Only white space is left after `end` (trimEnd and \s agree on what white space is).
  const end = source.trimEnd().length;
  let index = 0;
  while (index < end) {
    pattern.lastIndex = index;
    const m = pattern.exec(source);
    if (!m) {
      const at = index + (source.slice(index).length - source.slice(index).trimStart().length) + 1;
      // The whole character, also when it lies outside the BMP (a surrogate pair in UTF-16).
      throw new CriteriaSyntaxError(at, `unexpected character "${String.fromCodePoint(source.codePointAt(at - 1) ?? 0)}"`);
    }
    const at = m.index + m[0].length - m[0].trimStart().length + 1;
    if (m[1] !== undefined) tokens.push({ type: 'number', text: m[1], at });
    else if (m[2] !== undefined) tokens.push({ type: 'string', text: m[2].replace(/\\(.)/g, '$1'), at });
    else if (m[3] !== undefined) tokens.push({ type: 'name', text: m[3], at });
    else if (m[4] !== undefined) tokens.push({ type: 'op', text: m[4], at });
    else tokens.push({ type: 'punct', text: m[5] ?? '', at });
    index = pattern.lastIndex;
  }
  tokens.push({ type: 'end', text: '', at: source.length + 1 });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const t = this.peek();
    this.index += 1;
    return t;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.type === 'name' && t.text === word;
  }

  private expect(text: string, what: string): Token {
    const t = this.next();
    if (t.text !== text || t.type === 'string') throw new CriteriaSyntaxError(t.at, `expected ${what} but found ${describe(t)}`);
    return t;
  }

  /** Parses something nested one level deeper, refusing it at `t` beyond MAX_NESTING levels. */
  private nested<T>(t: Token, parse: () => T): T {
    if (this.depth >= MAX_NESTING) throw new CriteriaSyntaxError(t.at, `brackets, calls and "not" nest more than ${MAX_NESTING} levels deep`);
    this.depth += 1;
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  parse(): Node {
    const node = this.or();
    const t = this.peek();
    if (t.type !== 'end') throw new CriteriaSyntaxError(t.at, `expected "and", "or" or the end but found ${describe(t)}`);
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord('or')) {
      const at = this.next().at;
      left = { kind: 'logic', op: 'or', left, right: this.and(), at };
    }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.isWord('and')) {
      const at = this.next().at;
      left = { kind: 'logic', op: 'and', left, right: this.not(), at };
    }
    return left;
  }

  private not(): Node {
    if (this.isWord('not')) {
      const t = this.next();
      return { kind: 'not', operand: this.nested(t, () => this.not()), at: t.at };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.primary();
    const t = this.peek();
    if (t.type === 'op' || (t.type === 'name' && t.text === 'in')) {
      this.next();
      return { kind: 'compare', op: t.text as CompareOp, left, right: this.primary(), at: t.at };
    }
    return left;
  }

  private primary(): Node {
    const t = this.next();
    switch (t.type) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw new CriteriaSyntaxError(t.at, `the number ${t.text.slice(0, 20)}… is too large`);
        return { kind: 'literal', value, at: t.at };
      }
      case 'string':
        return { kind: 'literal', value: t.text, at: t.at };
      case 'name':
        return this.named(t);
      case 'punct':
        return this.bracketed(t);
      default:
        throw new CriteriaSyntaxError(t.at, `expected a value but found ${describe(t)}`);
    }
  }

  private named(t: Token): Node {
    if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', at: t.at };
    if (KEYWORDS.has(t.text)) throw new CriteriaSyntaxError(t.at, `expected a value but found "${t.text}"`);
    if (this.peek().text === '(' && this.peek().type === 'punct') {
      const open = this.next();
      return { kind: 'call', name: t.text, args: this.nested(open, () => this.items(')')), at: t.at };
    }
    const path = [t.text];
    while (this.peek().text === '.' && this.peek().type === 'punct') {
      this.next();
      const part = this.next();
      if (part.type !== 'name') throw new CriteriaSyntaxError(part.at, `expected a name after "." but found ${describe(part)}`);
      path.push(part.text);
    }
    return { kind: 'path', path, at: t.at };
  }

  private bracketed(t: Token): Node {
    if (t.text === '(') {
      const inner = this.nested(t, () => this.or());
      this.expect(')', '")"');
      return inner;
    }
    if (t.text === '[') return { kind: 'list', items: this.nested(t, () => this.items(']')), at: t.at };
    throw new CriteriaSyntaxError(t.at, `expected a value but found ${describe(t)}`);
  }

  private items(close: string): Node[] {
    const items: Node[] = [];
    if (this.peek().text === close && this.peek().type === 'punct') {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.or());
      const sep = this.next();
      if (sep.text === close && sep.type === 'punct') return items;
      if (sep.text !== ',' || sep.type !== 'punct') throw new CriteriaSyntaxError(sep.at, `expected "," or "${close}" but found ${describe(sep)}`);
    }
  }
}

function describe(t: Token): string {
  if (t.type === 'end') return 'the end of the expression';
  return t.type === 'string' ? `"${t.text}" (text)` : `"${t.text}"`;
}

export function parseCriterion(source: string): Node {
  return new Parser(tokenize(source)).parse();
}
