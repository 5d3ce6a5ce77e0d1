// Lists the exports of a package's type declarations that carry no TSDoc comment.
import ts from 'typescript';

/** @param {string} declarationFile @returns {string[]} the undocumented exports */
export function undocumentedExports(declarationFile) {
  const program = ts.createProgram([declarationFile], { noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(declarationFile);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) return [`${declarationFile}: not a module`];
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.getDocumentationComment(checker).length === 0;
    })
    .map((symbol) => symbol.getName())
    .sort();
}
