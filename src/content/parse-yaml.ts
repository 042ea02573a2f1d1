import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';

/** A YAML document with what is needed to point at any of its nodes. */
export interface PositionedYaml {
  doc: Document.Parsed;
  /** Plain JS value of the document (core schema: dates stay strings). */
  value: unknown;
  /** Line and column (1-based, in the whole file) of a path in the document. */
  positionOf(path: readonly (string | number)[], target?: 'key' | 'value'): Position;
  syntaxErrors: { reason: string; position: Position }[];
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Parses YAML with the 1.2 core schema, so `2021-08-22T00:30+04:30` stays the string the writer
 * typed (js-yaml would turn it into a UTC Date), and keeps positions. `startLine` is the file
 * line the YAML text begins on, so positions are those of the whole file.
 */
export function parseYaml(text: string, startLine = 1): PositionedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
  });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + startLine - 1, column: col };
  };
  const syntaxErrors = doc.errors.map((e) => ({
    reason: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    position: toPosition(e.pos[0]),
  }));
  // Aliases (`*name`) are refused: front matter is small, and they can expand without bound.
  visit(doc, {
    Alias(_, node) {
      syntaxErrors.push({
        reason: `YAML aliases (\`*${node.source}\`) are not accepted; write the value out.`,
        position: toPosition(node.range?.[0] ?? 0),
      });
    },
  });
  const value = syntaxErrors.length === 0 ? doc.toJS() : undefined;
  return {
    doc,
    value,
    syntaxErrors,
    positionOf(path, target = 'value') {
      return toPosition(offsetOf(doc, path, target));
    },
  };
}

/** The start offset of the deepest node on `path` that exists (the key or the value). */
function offsetOf(doc: Document.Parsed, path: readonly (string | number)[], target: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      if (!pair) return offset;
      if (last && target === 'key') return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
