// The README's copy-paste examples, read out of README.md so that the tested ones are the documented ones.

import { readFileSync } from "node:fs";

const README = new URL("../../README.md", import.meta.url);

/** The fenced code blocks (`{ lang, code }`) of the README's section `## heading`, in order. */
export function readmeBlocks(heading) {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const end = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** The only block of `lang` in section `heading` (throws if there is not exactly one). */
export function readmeBlock(heading, lang) {
  const blocks = readmeBlocks(heading).filter((b) => b.lang === lang);
  if (blocks.length !== 1) throw new Error(`README.md's "${heading}" has ${blocks.length} ${lang} blocks, not 1`);
  return blocks[0].code;
}
