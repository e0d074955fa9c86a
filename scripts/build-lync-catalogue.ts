import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/**
 * Writes src/help/data/lync2013-cmdlets.json, the catalogue of Lync Server 2013 cmdlets
 * (powershell.md §14.2), from a clone of MicrosoftDocs/office-docs-powershell:
 *
 *   node --import tsx scripts/build-lync-catalogue.ts <git dir of the clone> [commit]
 *
 * Every cmdlet page whose front-matter `applicable:` line names Lync Server 2013 gives its `# `
 * heading and the `### -Name` headings of its `## PARAMETERS` section (without -WhatIf and -Confirm).
 */

const FOLDERS = ['skype/skype-ps/SkypeForBusiness/', 'skype/skype-ps/skype/']
const TARGET = 'src/help/data/lync2013-cmdlets.json'

const [gitDir, revision = 'HEAD'] = process.argv.slice(2)
if (!gitDir) throw new Error('usage: build-lync-catalogue.ts <git dir> [commit]')
const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], {encoding: 'utf8', maxBuffer: 1 << 28})

const commit = git('rev-parse', `${revision}^{commit}`).trim()
const folder = FOLDERS.find((f) => git('ls-tree', '--name-only', commit, f).trim() !== '')
if (!folder) throw new Error(`no cmdlet folder at ${commit}`)
const pages = git('ls-tree', commit, folder)
  .split('\n')
  .filter((line) => line.endsWith('.md'))
  .map((line) => line.split(/\s+/)[2]!)
const texts = readBlobs(pages)

type Entry = [name: string, parameters: string[]]
const cmdlets: Entry[] = []
for (const text of texts) {
  const entry = cmdletOf(text)
  if (entry) cmdlets.push(entry)
}
cmdlets.sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))

// One cmdlet a line: compact, and a later regeneration diffs by cmdlet.
const lines = cmdlets.map((entry) => JSON.stringify(entry))
const header = JSON.stringify({repository: 'MicrosoftDocs/office-docs-powershell', commit, folder, applicable: 'Lync Server 2013'})
writeFileSync(fileURLToPath(new URL(`../${TARGET}`, import.meta.url)), `{"source":${header},\n"cmdlets":[\n${lines.join(',\n')}\n]}\n`)
console.log(`wrote ${TARGET}: ${cmdlets.length} cmdlets from ${commit}`)

/** readBlobs reads many blobs through one `git cat-file --batch`. */
function readBlobs(ids: readonly string[]): string[] {
  const output = execFileSync('git', ['--git-dir', gitDir!, 'cat-file', '--batch'], {input: ids.join('\n') + '\n', maxBuffer: 1 << 28})
  const texts: string[] = []
  let at = 0
  while (at < output.length) {
    const headerEnd = output.indexOf(10, at)
    const size = Number(output.subarray(at, headerEnd).toString('latin1').split(' ')[2])
    texts.push(output.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'))
    at = headerEnd + 1 + size + 1
  }
  return texts
}

/** cmdletOf reads one page: undefined unless its front matter says it applies to Lync Server 2013. */
function cmdletOf(text: string): Entry | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines[0]?.trim() !== '---') return undefined
  const frontEnd = lines.indexOf('---', 1)
  const applicable = lines.slice(1, frontEnd).find((line) => /^applicable\s*:/i.test(line))
  if (!applicable?.includes('Lync Server 2013')) return undefined
  const heading = lines.slice(frontEnd + 1).find((line) => line.startsWith('# '))
  if (!heading) throw new Error(`a Lync Server 2013 page without a '# ' heading: ${applicable}`)
  return [heading.slice(2).trim(), parametersOf(lines.slice(frontEnd + 1))]
}

function parametersOf(lines: readonly string[]): string[] {
  const start = lines.findIndex((line) => /^##\s+PARAMETERS\s*$/i.test(line))
  if (start < 0) return []
  const parameters: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (/^##\s/.test(line)) break
    const match = /^###\s+-(\S+)\s*$/.exec(line)
    if (match && !/^(whatif|confirm)$/i.test(match[1]!)) parameters.push(match[1]!)
  }
  return parameters
}
