// The runnable examples of a README and the results they promise.
//
// A runnable example is a ```js block that imports a published package (not the private
// Karlsruhe data package). What it promises to print is written as comments on or right
// after the line that closes a `console.log(…);` (or the loop around it), the way the READMEs
// show results; two spaces and a parenthesis start a note for the reader, which is not output.

/**
 * @param {string} markdown
 * @returns {{ index: number, code: string, expected: string[] }[]}
 */
export function readmeExamples(markdown) {
  const blocks = [...markdown.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((match) => match[1]);
  return blocks
    .map((code, index) => ({ index: index + 1, code }))
    .filter(({ code }) => /from '@ankommen\//.test(code) && !/from '@ankommen\/data-/.test(code))
    .map(({ index, code }) => ({ index, code, expected: promisedResults(code) }));
}

const note = /\s{2,}\(.*\)$/;

/** @param {string} code */
function promisedResults(code) {
  const results = [];
  let inLog = false;
  let current;
  for (const line of code.split('\n')) {
    const comment = line.match(/^\s*\/\/ ?(.*)$/);
    if (comment && current !== undefined) {
      current.push(comment[1]);
      continue;
    }
    // The end of a loop around a console.log: what follows is still its output.
    if (current?.length === 0 && /^\s*[})\]]+;?\s*$/.test(line)) continue;
    if (current?.length) results.push(current.join(' ').replace(note, ''));
    current = undefined;
    if (comment) continue;
    if (line.includes('console.log(')) inLog = true;
    if (!inLog) continue;
    const [statement, trailing] = line.split(/;\s*\/\/ ?/);
    if (trailing !== undefined || statement.trimEnd().endsWith(';')) {
      inLog = false;
      current = trailing === undefined ? [] : [trailing];
    }
  }
  if (current?.length) results.push(current.join(' ').replace(note, ''));
  return results;
}
