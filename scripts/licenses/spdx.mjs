// SPDX licence expressions (`MIT OR Apache-2.0`, `(MIT AND Zlib)`,
// `Apache-2.0 WITH LLVM-exception`) parsed and checked against an allow list.
// Used by the npm licence check and the third-party summary; no dependency.
//
// Old npm packages write `MIT/Apache-2.0` or `Apache 2.0`-like forms: a `/`
// between identifiers is read as OR (what their authors meant); anything
// else that is not an SPDX-shaped identifier is a parse error, reported as
// an unknown licence rather than guessed at.

const ID = /^[A-Za-z0-9][A-Za-z0-9.\-]*\+?$/;

/** Splits an expression into `(`, `)`, AND, OR, WITH and identifiers. */
function tokenize(text) {
  const tokens = [];
  const spaced = text.replace(/[()]/g, (p) => ` ${p} `).replace(/\s*\/\s*/g, ' OR ');
  for (const word of spaced.split(/\s+/)) {
    if (word === '') continue;
    const upper = word.toUpperCase();
    if (word === '(' || word === ')') tokens.push({ kind: word });
    else if (upper === 'AND' || upper === 'OR' || upper === 'WITH') tokens.push({ kind: upper });
    else if (ID.test(word)) tokens.push({ kind: 'id', value: word });
    else throw new Error(`not an SPDX identifier: ${JSON.stringify(word)}`);
  }
  return tokens;
}

/**
 * Parses an SPDX expression into a tree of
 * `{ op: 'or' | 'and', args }` and `{ id, exception }` leaves.
 * AND binds tighter than OR, as the SPDX specification says.
 * Throws on anything malformed.
 */
export function parseExpression(text) {
  if (typeof text !== 'string' || text.trim() === '') throw new Error('empty licence expression');
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  function primary() {
    const token = next();
    if (!token) throw new Error(`unexpected end of ${JSON.stringify(text)}`);
    if (token.kind === '(') {
      const inner = or();
      if (next()?.kind !== ')') throw new Error(`unbalanced parenthesis in ${JSON.stringify(text)}`);
      return inner;
    }
    if (token.kind !== 'id') throw new Error(`unexpected ${token.kind} in ${JSON.stringify(text)}`);
    if (peek()?.kind === 'WITH') {
      next();
      const exception = next();
      if (exception?.kind !== 'id') throw new Error(`WITH without an exception in ${JSON.stringify(text)}`);
      return { id: token.value, exception: exception.value };
    }
    return { id: token.value, exception: null };
  }
  function and() {
    const args = [primary()];
    while (peek()?.kind === 'AND') {
      next();
      args.push(primary());
    }
    return args.length === 1 ? args[0] : { op: 'and', args };
  }
  function or() {
    const args = [and()];
    while (peek()?.kind === 'OR') {
      next();
      args.push(and());
    }
    return args.length === 1 ? args[0] : { op: 'or', args };
  }
  const tree = or();
  if (at !== tokens.length) throw new Error(`trailing ${tokens[at].kind} in ${JSON.stringify(text)}`);
  return tree;
}

/** Exceptions that only grant extra permissions: `X WITH E` is as free as `X`. */
const PERMISSIVE_EXCEPTIONS = new Set(['LLVM-exception']);

/**
 * Whether the licence expression lets us use the package under licences all
 * of which are in `allowed` (a Set of SPDX ids): OR needs one side, AND
 * needs both. A leaf `X WITH E` passes when that exact text is allowed, or
 * when X is and E only adds permissions.
 */
export function satisfies(tree, allowed) {
  if (tree.op === 'or') return tree.args.some((arg) => satisfies(arg, allowed));
  if (tree.op === 'and') return tree.args.every((arg) => satisfies(arg, allowed));
  if (tree.exception) {
    return (
      allowed.has(`${tree.id} WITH ${tree.exception}`) ||
      (allowed.has(tree.id) && PERMISSIVE_EXCEPTIONS.has(tree.exception))
    );
  }
  return allowed.has(tree.id);
}

/** The expression written back canonically (OR operands in a stable order), for grouping. */
export function normalize(tree, top = true) {
  if (tree.op) {
    const parts = tree.args.map((arg) => normalize(arg, false));
    if (tree.op === 'or') parts.sort();
    const text = parts.join(tree.op === 'or' ? ' OR ' : ' AND ');
    return top ? text : `(${text})`;
  }
  return tree.exception ? `${tree.id} WITH ${tree.exception}` : tree.id;
}
