// Finds, in an ES module's source, the places the single-file build rewrites: import specifiers (static,
// `export … from`, and `import("literal")`), `new URL("literal", import.meta.url)` and every
// `import.meta.url`. A small tokenizer (comments, strings, templates with `${}`, regular expressions) so
// that text inside comments and strings is never mistaken for code. No dependencies.
//
//   scanModule(source) -> { imports: [{ spec, start, end, dynamic }], urls: [{ spec, start, end }],
//                           metas: [{ start, end }], unsupported: [message] }
// start/end are offsets into `source`; for imports and urls they cover the string literal with its quotes.

const KEYWORDS_BEFORE_EXPRESSION = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
  "yield", "await",
]);

/** The significant tokens of `source`: { type: "name" | "num" | "str" | "punct" | "regex" | "template", value, start, end }. */
export function tokenize(source) {
  const tokens = [];
  const braces = []; // one counter per open `${`: depth of `{` inside that substitution
  let i = 0;
  const push = (type, start, end, value = source.slice(start, end)) => tokens.push({ type, value, start, end });
  const fail = (what) => { throw new Error(`${what} at offset ${i}`); };
  const scanTemplate = (start) => { // from just after "`" or "}": to the closing "`" or the next "${"
    while (i < source.length) {
      const c = source[i];
      if (c === "\\") i += 2;
      else if (c === "`") { i++; push("template", start, i); return; }
      else if (c === "$" && source[i + 1] === "{") { i += 2; push("template", start, i); braces.push(0); return; }
      else i++;
    }
    fail("unterminated template literal");
  };
  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.type === "punct") return ![")", "]", "}"].includes(prev.value);
    if (prev.type === "name") return KEYWORDS_BEFORE_EXPRESSION.has(prev.value);
    return prev.type === "template" && prev.value.endsWith("${");
  };
  while (i < source.length) {
    const c = source[i];
    const start = i;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "/" && source[i + 1] === "/") { i = source.indexOf("\n", i); if (i < 0) i = source.length; continue; }
    if (c === "/" && source[i + 1] === "*") {
      i = source.indexOf("*/", i + 2);
      if (i < 0) fail("unterminated comment");
      i += 2;
      continue;
    }
    if (c === "'" || c === "\"") {
      i++;
      while (i < source.length && source[i] !== c) {
        if (source[i] === "\n") fail("unterminated string");
        i += source[i] === "\\" ? 2 : 1;
      }
      if (i >= source.length) fail("unterminated string");
      i++;
      push("str", start, i, source.slice(start + 1, i - 1));
      continue;
    }
    if (c === "`") { i++; scanTemplate(start); continue; }
    if (c === "}" && braces.length && braces[braces.length - 1] === 0) { braces.pop(); i++; scanTemplate(start); continue; }
    if (/[A-Za-z_$#\u0080-\uffff]/.test(c)) {
      while (i < source.length && /[\w$\u0080-\uffff]/.test(source[i])) i++;
      if (i === start) i++; // a lone "#"
      push("name", start, i);
      continue;
    }
    if (/\d/.test(c) || (c === "." && /\d/.test(source[i + 1] ?? ""))) {
      while (i < source.length && /[\w.]/.test(source[i])) i++;
      push("num", start, i);
      continue;
    }
    if (c === "/" && regexAllowed()) {
      i++;
      let inClass = false;
      while (i < source.length && (inClass || source[i] !== "/")) {
        if (source[i] === "\n") fail("unterminated regular expression");
        if (source[i] === "\\") i++;
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "]") inClass = false;
        i++;
      }
      i++;
      while (i < source.length && /\w/.test(source[i])) i++;
      push("regex", start, i);
      continue;
    }
    if (braces.length && c === "{") braces[braces.length - 1]++;
    if (braces.length && c === "}") braces[braces.length - 1]--;
    i++;
    push("punct", start, i);
  }
  return tokens;
}

const is = (token, type, value) => token && token.type === type && (value === undefined || token.value === value);

/** Where the module imports, points `new URL` at files, and reads `import.meta.url` (see the top). */
export function scanModule(source) {
  const t = tokenize(source);
  const out = { imports: [], urls: [], metas: [], unsupported: [] };
  const literal = (token, dynamic) => out.imports.push({ spec: token.value, start: token.start, end: token.end, dynamic });
  const where = (token) => `line ${source.slice(0, token.start).split("\n").length}`;
  for (let k = 0; k < t.length; k++) {
    const tok = t[k];
    if (tok.type !== "name" || is(t[k - 1], "punct", ".")) continue;
    if (tok.value === "import") {
      if (is(t[k + 1], "punct", ".")) {
        if (is(t[k + 2], "name", "meta") && is(t[k + 3], "punct", ".") && is(t[k + 4], "name", "url")) {
          out.metas.push({ start: tok.start, end: t[k + 4].end });
        } else if (is(t[k + 2], "name", "meta")) {
          out.unsupported.push(`${where(tok)}: import.meta is used other than as import.meta.url`);
        }
      } else if (is(t[k + 1], "punct", "(")) {
        if (is(t[k + 2], "str") && is(t[k + 3], "punct", ")")) literal(t[k + 2], true);
        else out.unsupported.push(`${where(tok)}: import() of a computed specifier cannot be inlined`);
      } else if (is(t[k + 1], "str")) {
        literal(t[k + 1], false);
      } else {
        // import a, { b as c }, * as d from "x": the first `from` followed by a string, within the statement.
        for (let j = k + 1; j < t.length && !is(t[j], "punct", ";") && !is(t[j], "name", "import"); j++) {
          if (is(t[j], "name", "from") && is(t[j + 1], "str")) { literal(t[j + 1], false); break; }
        }
      }
    } else if (tok.value === "export" && (is(t[k + 1], "punct", "*") || is(t[k + 1], "punct", "{"))) {
      // export * from "x", export * as y from "x", export { a, b as c } from "x" (or no `from`: a local export)
      let j = k + 1;
      if (is(t[j], "punct", "{")) while (j < t.length && !is(t[j], "punct", "}")) j++;
      for (let m = j; m < j + 4 && m < t.length; m++) {
        if (is(t[m], "name", "from") && is(t[m + 1], "str")) { literal(t[m + 1], false); break; }
      }
    } else if (tok.value === "new" && is(t[k + 1], "name", "URL") && is(t[k + 2], "punct", "(") && is(t[k + 3], "str")
      && is(t[k + 4], "punct", ",") && is(t[k + 5], "name", "import") && is(t[k + 7], "name", "meta")
      && is(t[k + 9], "name", "url")) {
      out.urls.push({ spec: t[k + 3].value, start: t[k + 3].start, end: t[k + 3].end });
    }
  }
  return out;
}
