import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {after, beforeEach, test} from 'node:test'
import {tmpStore} from '../helpers/csxmpp.js'
import {runScriptText} from '../helpers/shell.js'

/**
 * The file cmdlets of powershell.md §9 (New-Item … Resolve-Path), one script per row, each run in a
 * fresh directory holding `exports/` (lync/, partners.xml, .hidden.xml) written at a known time.
 */

process.env.TZ = 'UTC'
const store = tmpStore()
const root = mkdtempSync(path.join(tmpdir(), 'csxmpp-items-'))
after(() => {
  store.cleanup()
  rmSync(root, {recursive: true, force: true})
})

let dir = ''
const WRITTEN = new Date('2026-11-24T19:04:00Z')

beforeEach(() => {
  dir = mkdtempSync(path.join(root, 'case-'))
  process.chdir(dir)
  mkdirSync('exports/lync', {recursive: true})
  writeFileSync('exports/partners.xml', 'x'.repeat(2176))
  writeFileSync('exports/.hidden.xml', '')
  for (const item of ['exports/lync', 'exports/partners.xml']) utimesSync(item, WRITTEN, WRITTEN)
})

/** run runs script text as `-File t.ps1` does; `<dir>` in expectations stands for the case's directory. */
async function run(script: string) {
  const result = await runScriptText(store, script)
  const fix = (text: string) => text.replaceAll(dir, '<dir>')
  return {stdout: fix(result.stdout), stderr: fix(result.stderr)}
}

const OUTPUT: ReadonlyArray<[string, string, string]> = [
  [
    'the grouped view of file items (§9 File items, §10.4 fixed widths)',
    'Get-ChildItem exports',
    '\n    Directory: <dir>/exports\n\n\nMode                LastWriteTime         Length Name\n----                -------------         ------ ----\n' +
      'd-----       11/24/2026   7:04 PM                lync\n-a----       11/24/2026   7:04 PM           2176 partners.xml\n\n',
  ],
  [
    'a new group starts when the parent changes',
    'Get-Item exports/partners.xml, exports/lync/.. | Select-Object -ExpandProperty Name; Get-ChildItem exports -Recurse -Directory | ForEach-Object FullName',
    'partners.xml\nexports\n<dir>/exports/lync\n',
  ],
  ['members of a FileInfo', '$f = Get-Item exports/partners.xml; $f.BaseName; $f.Extension; $f.Length; $f.Mode; $f.PSIsContainer; $f.DirectoryName; "$f"', 'partners\n.xml\n2176\n-a----\nFalse\n<dir>/exports\n<dir>/exports/partners.xml\n'],
  ['members of a DirectoryInfo', '$d = Get-Item exports/lync; $d.Name; $d.Parent; $d.Mode; $d.PSIsContainer; $null -eq $d.Length', 'lync\n<dir>/exports\nd-----\nTrue\nTrue\n'],
  ['hidden names are skipped without -Force', '(Get-ChildItem exports -Name) -join ","; (Get-ChildItem exports -Force -Name) -join ","; (Get-Item exports/*.xml).Name; (Get-Item exports/*.xml -Force).Count', 'lync,partners.xml\nlync,.hidden.xml,partners.xml\npartners.xml\n2\n'],
  ['a literal path to a hidden item works', '(Get-Item exports/.hidden.xml).Name', '.hidden.xml\n'],
  ['wildcards match ignoring case; no match is no error', '(Get-Item exports/PART*).Name; Get-Item exports/none*; Resolve-Path exports/*.XML -Relative', 'partners.xml\n./exports/partners.xml\n'],
  ['a directory matched by a wildcard is output itself', 'Get-ChildItem export? -Name', 'exports\n'],
  [
    '-Recurse lists children, then each subdirectory, in the same order',
    'New-Item exports/lync/b, exports/lync/A -ItemType Directory | Out-Null; Set-Content exports/lync/A/x.txt 1; Set-Content exports/lync/z.txt 2; Get-ChildItem exports -Recurse -Name',
    'lync\npartners.xml\nlync/A\nlync/b\nlync/z.txt\nlync/A/x.txt\n',
  ],
  ['-File and -Directory', '(Get-ChildItem exports -File -Name) -join ","; (Get-ChildItem exports -Directory -Name) -join ","; (gci exports -af -Name); (gci exports -ad -Name)', 'partners.xml\nlync\npartners.xml\nlync\n'],
  ['a wildcard path with -Recurse filters the whole tree, as PS does', 'Set-Content exports/lync/eap.xml 1; Get-ChildItem exports/*.xml -Recurse -Name', 'partners.xml\nlync/eap.xml\n'],
  ['a file path lists the file itself', 'Get-ChildItem exports/partners.xml -Name', 'partners.xml\n'],
  ['New-Item writes -Value as is; Add-Content continues the line', 'New-Item a.txt -Value "one" | Out-Null; Add-Content a.txt "two"; Add-Content a.txt "three" -NoNewline; Get-Content a.txt -Raw', 'onetwo\nthree\n'],
  ['New-Item -Name under -Path, or the current directory', '(New-Item -Path exports -Name n.txt).FullName; (New-Item -Name m.txt).FullName', '<dir>/exports/n.txt\n<dir>/m.txt\n'],
  ['mkdir and md create directories with their parents', '(mkdir a/b/c).FullName; (md x).Mode; Test-Path a/b -PathType Container', '<dir>/a/b/c\nd-----\nTrue\n'],
  ['-ItemType accepts Container, any case', '(New-Item c -ItemType container).PSIsContainer; (ni f -Type FILE).PSIsContainer', 'True\nFalse\n'],
  ['piped file items bind to -Path by their full path', 'Get-ChildItem exports -File | Copy-Item -Destination exports/lync; (Get-ChildItem exports/lync -Name) -join ","; Get-ChildItem exports/lync | Remove-Item; (Get-ChildItem exports/lync).Count', 'partners.xml\n0\n'],
  ['Copy-Item into a directory, or to a new name; -PassThru', '(Copy-Item exports/partners.xml exports/lync -PassThru).FullName; (Copy-Item exports/partners.xml p2.xml -PassThru).Name', '<dir>/exports/lync/partners.xml\np2.xml\n'],
  ['Copy-Item of a directory without -Recurse creates it empty', 'Set-Content exports/lync/x 1; Copy-Item exports/lync copy; (Get-ChildItem copy).Count; Copy-Item exports/lync copy2 -Recurse; (Get-ChildItem copy2 -Name)', '0\nx\n'],
  ['Move-Item renames and moves into a directory', 'Move-Item exports/partners.xml p.xml; Move-Item p.xml exports/lync; (Get-ChildItem exports -Recurse -Name) -join ","', 'lync,lync/p.xml\n'],
  ['Move-Item -Force replaces the destination', 'Set-Content old.xml "old"; Move-Item old.xml exports/partners.xml -Force; Get-Content exports/partners.xml', 'old\n'],
  ['Remove-Item with wildcards and -Recurse', 'Remove-Item exports/*.xml; (Get-ChildItem exports -Force -Name) -join ","; Remove-Item exports -Recurse; Test-Path exports', 'lync,.hidden.xml\nFalse\n'],
  ['Join-Path joins with / and trims separators', 'Join-Path "a\\" "\\b\\c"; Join-Path / x; "a", "b" | Join-Path -ChildPath x', 'a/b\\c\n/x\na/x\nb/x\n'],
  [
    'Split-Path keeps the text as written',
    'Split-Path /x; Split-Path "a/b/"; Split-Path "a\\b\\c" -Leaf; Split-Path "C:\\a\\b" -NoQualifier; Split-Path "~/x" -IsAbsolute; Split-Path "x/y" -IsAbsolute; "p/q" | Split-Path',
    '/\na\nc\n\\a\\b\nTrue\nFalse\np\n',
  ],
  ['Resolve-Path gives PathInfo objects', '$p = Resolve-Path exports; $p.GetType().FullName; "$p"; Resolve-Path exports/lync/.. -Relative', 'System.Management.Automation.PathInfo\n<dir>/exports\n./exports\n'],
  ['PathInfo view is the table Path', 'Resolve-Path exports', '\nPath\n----\n<dir>/exports\n\n'],
  ['~ is the home directory', '(Resolve-Path ~).Path -eq $env:HOME', 'True\n'],
]

for (const [name, script, stdout] of OUTPUT) {
  test(`file items: ${name}`, async () => {
    const result = await run(script)
    assert.equal(result.stderr, '')
    assert.equal(result.stdout, stdout)
  })
}

/** The first line and the CategoryInfo/FullyQualifiedErrorId lines of each error, without the position lines. */
function errorLines(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('At ') && !line.startsWith('+ '))
    .join('\n')
}

const ERRORS: ReadonlyArray<[string, string, string]> = [
  [
    'a missing path',
    'Get-Item nope.txt',
    "Get-Item : Cannot find path '<dir>/nope.txt' because it does not exist.\n    + CategoryInfo          : ObjectNotFound: (<dir>/nope.txt:String) [Get-Item], ItemNotFoundException\n    + FullyQualifiedErrorId : PathNotFound,Get-Item\n",
  ],
  [
    'an existing file',
    'New-Item exports/partners.xml',
    "New-Item : The file '<dir>/exports/partners.xml' already exists.\n    + CategoryInfo          : WriteError: (<dir>/exports/partners.xml:String) [New-Item], IOException\n    + FullyQualifiedErrorId : NewItemIOError,New-Item\n",
  ],
  [
    'an existing item where a directory is asked for',
    'New-Item exports/partners.xml -ItemType Directory -Force',
    'New-Item : An item with the specified name <dir>/exports/partners.xml already exists.\n    + CategoryInfo          : ResourceExists: (<dir>/exports/partners.xml:String) [New-Item], IOException\n    + FullyQualifiedErrorId : DirectoryExist,New-Item\n',
  ],
  [
    'a missing directory in the path of a new file',
    'New-Item no/such/x.txt',
    "New-Item : Could not find a part of the path '<dir>/no/such/x.txt'.\n    + CategoryInfo          : WriteError: (<dir>/no/such/x.txt:String) [New-Item], DirectoryNotFoundException\n    + FullyQualifiedErrorId : DirectoryNotFound,New-Item\n",
  ],
  [
    'a file where a directory is expected',
    'Add-Content exports/partners.xml/x "a"',
    "Add-Content : Could not find a part of the path '<dir>/exports/partners.xml/x'.\n    + CategoryInfo          : WriteError: (<dir>/exports/partners.xml/x:String) [Add-Content], DirectoryNotFoundException\n    + FullyQualifiedErrorId : DirectoryNotFound,Add-Content\n",
  ],
  [
    'Set-Content into a missing directory (it threw a JavaScript error before)',
    'Set-Content no/x.txt 1',
    "Set-Content : Could not find a part of the path '<dir>/no/x.txt'.\n    + CategoryInfo          : WriteError: (<dir>/no/x.txt:String) [Set-Content], DirectoryNotFoundException\n    + FullyQualifiedErrorId : DirectoryNotFound,Set-Content\n",
  ],
  [
    'a directory that is not empty',
    'Remove-Item exports',
    'Remove-Item : Directory <dir>/exports cannot be removed because it is not empty.\n    + CategoryInfo          : WriteError: (<dir>/exports:String) [Remove-Item], IOException\n    + FullyQualifiedErrorId : DirectoryNotEmpty,Remove-Item\n',
  ],
  [
    'moving onto an existing file',
    'Set-Content a.xml 1; Move-Item a.xml exports/partners.xml',
    'Move-Item : Cannot create a file when that file already exists.\n    + CategoryInfo          : WriteError: (<dir>/exports/partners.xml:String) [Move-Item], IOException\n    + FullyQualifiedErrorId : MoveFileInfoItemIOError,Move-Item\n',
  ],
  [
    'an item type csxmpp does not create',
    'New-Item l -ItemType SymbolicLink -Value exports',
    'New-Item : The item type SymbolicLink of New-Item is not supported by csxmpp; use File or Directory.\n    + CategoryInfo          : NotImplemented: (SymbolicLink:String) [New-Item], NotSupportedException\n    + FullyQualifiedErrorId : NotSupportedByCsxmpp,New-Item\n',
  ],
  [
    'a null path',
    'Split-Path $null',
    "Split-Path : Cannot bind argument to parameter 'Path' because it is null.\n    + CategoryInfo          : InvalidData: (:) [Split-Path], ParameterBindingValidationException\n    + FullyQualifiedErrorId : ParameterArgumentValidationErrorNullNotAllowed,Split-Path\n",
  ],
  [
    'an empty path',
    'Remove-Item ""',
    "Remove-Item : Cannot bind argument to parameter 'Path' because it is an empty string.\n    + CategoryInfo          : InvalidData: (:) [Remove-Item], ParameterBindingValidationException\n    + FullyQualifiedErrorId : ParameterArgumentValidationErrorEmptyStringNotAllowed,Remove-Item\n",
  ],
  [
    'a drive letter',
    'Get-ChildItem C:\\Exports',
    "Get-ChildItem : Cannot find drive. A drive with the name 'C' does not exist.\n    + CategoryInfo          : ObjectNotFound: (C:String) [Get-ChildItem], DriveNotFoundException\n    + FullyQualifiedErrorId : DriveNotFound,Get-ChildItem\n",
  ],
]

for (const [name, script, stderr] of ERRORS) {
  test(`file items: error for ${name}`, async () => {
    const result = await run(script)
    assert.equal(errorLines(result.stderr), stderr)
  })
}

test('file items: What-if lines, and nothing changes', async () => {
  const result = await run(
    'New-Item n.txt -WhatIf; mkdir m -WhatIf; Remove-Item exports/partners.xml -WhatIf; Remove-Item exports -Recurse -WhatIf; ' +
      'Copy-Item exports/lync c -WhatIf; Move-Item exports/partners.xml p.xml -WhatIf; Add-Content a.txt x -WhatIf; $WhatIfPreference = $true; Remove-Item exports/lync',
  )
  const target = (t: string) => `What if: Performing the operation "${t}".\n`
  assert.equal(
    result.stdout,
    target('Create File" on target "Destination: <dir>/n.txt') +
      target('Create Directory" on target "Destination: <dir>/m') +
      target('Remove File" on target "<dir>/exports/partners.xml') +
      target('Remove Directory" on target "<dir>/exports') +
      target('Copy Directory" on target "Item: <dir>/exports/lync Destination: <dir>/c') +
      target('Move File" on target "Item: <dir>/exports/partners.xml Destination: <dir>/p.xml') +
      target('Add Content" on target "Path: <dir>/a.txt') +
      target('Remove Directory" on target "<dir>/exports/lync'),
  )
  assert.equal(result.stderr, '')
  assert.equal((await run('(Get-ChildItem . -Recurse -Force -Name) -join ","')).stdout, 'exports,exports/lync,exports/.hidden.xml,exports/partners.xml\n')
})

test('file items: -Confirm without a terminal changes nothing and says why', async () => {
  const result = await run('Remove-Item exports/partners.xml -Confirm; Test-Path exports/partners.xml')
  assert.equal(result.stdout, 'True\n')
  assert.match(result.stderr, /^Remove-Item : PowerShell is in NonInteractive mode\. Read and Prompt functionality is not available\.\n/)
})

test('file items: Add-Content keeps a UTF-16 file UTF-16 and adds no second BOM', async () => {
  writeFileSync('u.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\n', 'utf16le')]))
  await run('Add-Content u.txt "é"')
  assert.deepEqual(readFileSync('u.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\né\n', 'utf16le')]))
})

test('file items: odd entries never crash a listing (broken link, newline in a name)', async () => {
  symlinkSync('nowhere', 'exports/broken')
  writeFileSync('exports/new\nline.txt', '')
  const result = await run('(Get-ChildItem exports -Name).Count; Get-ChildItem exports | Out-Null; Remove-Item exports/broken; Test-Path exports/broken')
  assert.equal(result.stderr, '')
  assert.equal(result.stdout, '4\nFalse\n')
})
