import {type CommandSignature, type ParameterDefinition, membershipIn, typeFullName} from '../binding/parameter.js'
import {SHOULD_PROCESS_PARAMETERS} from '../binding/common-parameters.js'

/**
 * The Get-Help text of a command, generated from its definition (powershell.md §9 Get-Help,
 * cmdlets.md A4.4). `csxmpp help X`, `csxmpp X -?`, `csxmpp X --help` and Get-Help print it.
 */

/** HelpSource is what help needs: the signature plus the prose. */
export interface HelpSource extends CommandSignature {
  readonly synopsis: string
  readonly description: string
  readonly examples: readonly {readonly code: string; readonly remarks: string}[]
}

/** HelpView selects Get-Help's default view, -Examples, -Detailed/-Full, or -Parameter X. */
export type HelpView = {kind: 'default'} | {kind: 'examples'} | {kind: 'full'} | {kind: 'parameter'; name: string}

const WIDTH = 100
const INDENT = '    '

function wrap(text: string, indent: string): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      if (line && indent.length + line.length + 1 + word.length > WIDTH) {
        lines.push(indent + line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    lines.push(indent + line)
  }
  return lines
}

function shortType(parameter: ParameterDefinition): string {
  const type = parameter.type
  if (type.kind === 'Enum') return `{${type.enum.names.join(' | ')}}`
  const full = typeFullName(type)
  return `<${full.slice(full.lastIndexOf('.') + 1)}>`
}

function syntaxOf(parameter: ParameterDefinition, set: string): string {
  const membership = membershipIn(parameter, set)!
  if (parameter.type.kind === 'Switch') return `[-${parameter.name}]`
  const name = membership.position !== undefined ? `[-${parameter.name}]` : `-${parameter.name}`
  const text = `${name} ${shortType(parameter)}`
  return membership.mandatory ? text : `[${text}]`
}

/** syntaxLines renders one line per parameter set, ending in [<CommonParameters>]. */
export function syntaxLines(source: HelpSource): string[] {
  const extra = source.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : []
  return source.parameterSets.map((set) => {
    const parameters = source.parameters.filter((p) => membershipIn(p, set))
    const ordered = [
      ...parameters.filter((p) => membershipIn(p, set)!.position !== undefined).sort((a, b) => membershipIn(a, set)!.position! - membershipIn(b, set)!.position!),
      ...parameters.filter((p) => membershipIn(p, set)!.position === undefined),
    ]
    const parts = [...ordered, ...extra].map((p) => syntaxOf(p, set))
    return `${source.name} ${[...parts, '[<CommonParameters>]'].join(' ')}`
  })
}

function pipelineInput(source: HelpSource, parameter: ParameterDefinition): string {
  const kinds = new Set<string>()
  for (const set of source.parameterSets) {
    const m = membershipIn(parameter, set)
    if (m?.fromPipeline) kinds.add('ByValue')
    if (m?.fromPipelineByPropertyName) kinds.add('ByPropertyName')
  }
  return kinds.size === 0 ? 'False' : `True (${[...kinds].join(', ')})`
}

function facts(parameter: ParameterDefinition): string {
  const parts: string[] = []
  if (parameter.range) parts.push(`Range: ${parameter.range[0]} to ${parameter.range[1]}.`)
  if (parameter.length) parts.push(`Length: ${parameter.length[0]} to ${parameter.length[1]} characters.`)
  if (parameter.defaultValue !== undefined) parts.push(`Default: ${parameter.defaultValue}.`)
  return parts.join(' ')
}

function parameterBlock(source: HelpSource, parameter: ParameterDefinition, full: boolean): string[] {
  const lines = [`${INDENT}-${parameter.name} ${parameter.type.kind === 'Switch' ? '[<SwitchParameter>]' : shortType(parameter)}`]
  const pipeline = pipelineInput(source, parameter)
  const summary = [parameter.description, facts(parameter), pipeline === 'False' ? '' : `Accepts pipeline input ${pipeline.slice(5)}.`]
  lines.push(...wrap(summary.filter(Boolean).join(' '), INDENT + INDENT))
  if (full) {
    const sets = source.parameterSets.map((s) => membershipIn(parameter, s)).filter((m) => m !== undefined)
    const position = sets.find((m) => m.position !== undefined)?.position
    lines.push(
      '',
      `${INDENT}${INDENT}Required?                    ${sets.some((m) => m.mandatory) ? 'true' : 'false'}`,
      `${INDENT}${INDENT}Position?                    ${position === undefined ? 'named' : position + 1}`,
      `${INDENT}${INDENT}Default value                ${parameter.defaultValue ?? ''}`.trimEnd(),
      `${INDENT}${INDENT}Accept pipeline input?       ${pipeline}`,
      `${INDENT}${INDENT}Accept wildcard characters?  ${parameter.acceptsWildcards ? 'true' : 'false'}`,
    )
  }
  return [...lines, '']
}

function exampleLines(source: HelpSource): string[] {
  return source.examples.flatMap((example, i) => [
    `${INDENT}-------------------------- Example ${i + 1} --------------------------`,
    '',
    ...example.code.split('\n').map((line) => `${INDENT}${line}`),
    '',
    ...wrap(example.remarks, INDENT),
    '',
  ])
}

/** formatHelp renders the help of a command in the given view. */
export function formatHelp(source: HelpSource, view: HelpView = {kind: 'default'}): string {
  const parameters = [...source.parameters, ...(source.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : [])]
  let lines: string[]
  if (view.kind === 'parameter') {
    const lower = view.name.toLowerCase()
    lines = parameters.filter((p) => p.name.toLowerCase().startsWith(lower)).flatMap((p) => parameterBlock(source, p, true))
  } else {
    lines = ['NAME', INDENT + source.name, '', 'SYNOPSIS', ...wrap(source.synopsis, INDENT), '']
    if (view.kind === 'examples') lines.push('', 'EXAMPLES', ...exampleLines(source))
    else {
      lines.push('', 'SYNTAX', ...syntaxLines(source).flatMap((l) => [...wrap(l, INDENT), '']), '', 'DESCRIPTION', ...wrap(source.description, INDENT), '')
      lines.push('', 'PARAMETERS', ...parameters.flatMap((p) => parameterBlock(source, p, view.kind === 'full')))
      lines.push(`${INDENT}<CommonParameters>`, ...wrap('This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, WarningAction, ErrorVariable, WarningVariable and OutBuffer.', INDENT + INDENT), '')
      lines.push('', 'EXAMPLES', ...exampleLines(source))
      lines.push('REMARKS', ...wrap(`To see the examples, type: "Get-Help ${source.name} -Examples". For technical information, type: "Get-Help ${source.name} -Full".`, INDENT))
    }
  }
  return lines.map((l) => `${l.trimEnd()}\n`).join('')
}
