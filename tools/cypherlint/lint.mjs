// lint.mjs checks Cypher files with Neo4j's own front end: the semantic
// analysis of the Neo4j Cypher compiler, compiled to JavaScript and shipped
// as @neo4j-cypher/language-support (pinned in package.json).
//
// Usage:
//
//	node lint.mjs [--schema FILE] [--cypher-shell] [--expect-errors] FILE|DIR...
//
// Every .cypher file is linted as a whole (it may hold several statements
// separated by semicolons). A file declares its parameters in its header
// comment, one per line, as the canned queries do:
//
//	// param: city  City name or alias
//
// Declared parameters are passed to the linter as defined; any other $param
// is reported as undefined, which is an error. --schema names a JSON file
// {"labels": [...], "relationshipTypes": [...]} (written by cypherdump from
// kg's closed Go sets); with it, a label or relationship type outside those
// sets is an error too.
//
// --cypher-shell accepts cypher-shell's transaction commands (:begin,
// :commit, :rollback on lines of their own), for scripts written for
// cypher-shell such as `kg export --format cypher`: they are blanked out
// before linting (the linter knows Browser's commands, not these).
//
// With --expect-errors every file must carry "// expect: TEXT" lines, and
// passes only if each TEXT is found in some diagnostic's message. The
// linter swallows its own internal exceptions and then reports nothing, so
// a known-bad file run this way proves it still works.
//
// The exit code is 0 when every file passes, 1 otherwise, 2 on usage errors.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SeverityError = 1;
const SeverityWarning = 2;

function usage(msg) {
  process.stderr.write(`cypherlint: ${msg}\nusage: node lint.mjs [--schema FILE] [--cypher-shell] [--expect-errors] FILE|DIR...\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { schema: null, expectErrors: false, cypherShell: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--schema') {
      if (i + 1 >= argv.length) usage('--schema needs a FILE');
      opts.schema = argv[++i];
    } else if (a === '--cypher-shell') {
      opts.cypherShell = true;
    } else if (a === '--expect-errors') {
      opts.expectErrors = true;
    } else if (a.startsWith('-')) {
      usage(`unknown flag ${a}`);
    } else {
      opts.paths.push(a);
    }
  }
  if (opts.paths.length === 0) usage('no files to lint');
  return opts;
}

function cypherFiles(paths) {
  const out = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      const names = readdirSync(p).sort();
      out.push(...cypherFiles(names.filter((n) => n.endsWith('.cypher') || statSync(join(p, n)).isDirectory()).map((n) => join(p, n))));
    } else {
      out.push(p);
    }
  }
  return out;
}

// header returns the declared parameters and expectations of a file: the
// "// param: NAME" and "// expect: TEXT" lines of its comments.
function header(text) {
  const params = {};
  const expects = [];
  for (const line of text.split('\n')) {
    let m = line.match(/^\s*\/\/\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)/);
    if (m) params[m[1]] = null;
    m = line.match(/^\s*\/\/\s*expect:\s*(.+?)\s*$/);
    if (m) expects.push(m[1]);
  }
  return { params, expects };
}

function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

const notInSchema = / is not present in the database\./;

function lintFile(file, text, schema, cypherShell) {
  if (cypherShell) text = text.replace(/^:(begin|commit|rollback)[ \t]*$/gm, '');
  const { params, expects } = header(text);
  const dbSchema = { parameters: params };
  if (schema) {
    dbSchema.labels = schema.labels;
    dbSchema.relationshipTypes = schema.relationshipTypes;
  }
  const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
  return {
    expects,
    diagnostics: diagnostics.map((d) => ({
      // A label or type outside kg's closed sets is a bug in kg, not a
      // schema that will exist later: promote the warning.
      severity: d.severity === SeverityError || (schema && notInSchema.test(d.message)) ? 'error' : d.severity === SeverityWarning ? 'warning' : 'info',
      where: `${file}:${position(text, d.offsets?.start ?? 0)}`,
      message: d.message,
    })),
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const schema = opts.schema ? JSON.parse(readFileSync(opts.schema, 'utf8')) : null;
  const files = cypherFiles(opts.paths);
  let failed = 0;
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const { expects, diagnostics } = lintFile(file, text, schema, opts.cypherShell);
    const errs = diagnostics.filter((d) => d.severity === 'error');
    errors += errs.length;
    warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    if (opts.expectErrors) {
      const missing = expects.filter((e) => !diagnostics.some((d) => d.message.includes(e)));
      if (expects.length === 0) {
        console.log(`${file}: FAIL: no "// expect:" lines; a known-bad file must say what it expects`);
        failed++;
      } else if (missing.length > 0) {
        for (const m of missing) console.log(`${file}: FAIL: expected a diagnostic containing ${JSON.stringify(m)}, got none`);
        for (const d of diagnostics) console.log(`  ${d.where}: ${d.severity}: ${d.message}`);
        failed++;
      } else {
        console.log(`${file}: ok: all ${expects.length} expected diagnostics reported`);
      }
      continue;
    }
    for (const d of diagnostics) console.log(`${d.where}: ${d.severity}: ${d.message}`);
    if (errs.length > 0) failed++;
  }
  const mode = opts.expectErrors ? 'known-bad ' : '';
  console.log(`cypherlint: ${files.length} ${mode}files, ${files.length - failed} passed, ${failed} failed (${errors} errors, ${warnings} warnings)`);
  process.exit(failed > 0 || files.length === 0 ? 1 : 0);
}

main();
