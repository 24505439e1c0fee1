// Validates CycloneDX JSON SBOMs strictly (JSON schema of their specVersion, no extra properties):
// node scripts/node/validate-sbom.mjs FILE... ; exit 0 valid, 1 invalid, 2 bad usage.
import { readFile } from 'node:fs/promises'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: validate-sbom.mjs FILE...')
  process.exit(2)
}
let failed = 0
for (const file of files) {
  const text = await readFile(file, 'utf8')
  const version = JSON.parse(text).specVersion
  if (!Object.values(Spec.Version).includes(version)) {
    console.error(`${file}: unknown CycloneDX specVersion ${JSON.stringify(version)}`)
    failed++
    continue
  }
  const errors = await new Validation.JsonStrictValidator(version).validate(text)
  if (errors === null) {
    console.log(`${file}: valid CycloneDX ${version} (strict)`)
  } else {
    console.error(`${file}: INVALID CycloneDX ${version}:\n${JSON.stringify(errors, null, 2)}`)
    failed++
  }
}
process.exit(failed === 0 ? 0 : 1)
