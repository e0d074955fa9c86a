import type {ErrorRecord} from '../errors.js'
import {isBlank, quoteKind} from '../values/typographic.js'
import type * as A from './ast.js'
import {parseError} from './errors.js'
import {Scanner} from './scanner.js'
import type {SourceText} from './source.js'
import type {StringPart, Token} from './tokens.js'
import {isAllowedTypeLiteral, isCatchType, staticMemberKey} from './types.js'
import {
  PIPELINE_INPUT_MESSAGE,
  UNSUPPORTED_KEYWORDS,
  UNSUPPORTED_VARIABLES,
  UNSUPPORTED_VARIABLE_SCOPES,
  VARIABLE_SCOPES,
  importModuleNotSupported,
} from './unsupported.js'

/**
 * The recursive-descent parser of the PowerShell subset: one method per production of
 * powershell.md §3, driving the mode-aware Scanner (mvdan/sh style). The first syntax error found in
 * source order is thrown as a ParserError record, and nothing runs (§3). Constructs outside the
 * subset that the parser can see are parsed with PowerShell's grammar and collected as findings on
 * the script (§14.1), so that the check reports all of them at once.
 */

/** INCOMPLETE marks parse errors that more input could fix (the REPL then prompts with `>> `, §1.6). */
const INCOMPLETE = new WeakSet<ErrorRecord>()

/** Scanner errors that only mean the input ended inside a string, comment or `$( )`. */
const OPEN_AT_END = new Set(['TerminatorExpectedAtEndOfString', 'MissingEndMultiLineComment', 'MissingEndParenthesisInSubexpression', 'IncompleteDollarVariableReference'])

/** isIncomplete tells whether a parse error only means that the input ended too early (§1.6). */
export function isIncomplete(error: unknown): boolean {
  const record = error as ErrorRecord
  return INCOMPLETE.has(record) || OPEN_AT_END.has(record?.errorId)
}

const ASSIGNMENT_OPERATORS = new Set(['=', '+=', '-=', '*=', '/=', '%='])
const LOGICAL_OPERATORS = new Set(['-and', '-or', '-xor'])
const COMPARISON = /^-[ci]?(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$|^-(join|is|isnot|as)$/
const BITWISE = new Set(['-band', '-bor', '-bxor', '-bnot', '-shl', '-shr'])
/** Tokens that open a bracketed group, for skipping a construct over its balanced braces (§14.1). */
const OPENERS = new Set(['(', '{', '$(', '@(', '@{'])
const REDIRECTIONS = new Set(['>', '>>', '2>', '2>>', '2>&1'])
const KNOWN_ATTRIBUTES = new Set([
  'cmdletbinding', 'parameter', 'alias', 'validateset', 'validatenotnullorempty', 'validaterange', 'validatepattern',
  'validatenotnull', 'validatelength', 'allownull', 'allowemptystring', 'outputtype',
])
const TYPE_LITERAL = /\[[ \t]*([\p{L}_][\p{L}\p{Nd}_.`]*(?:\[\])?)[ \t]*\]/uy
const NAME = /[\p{L}_][\p{L}\p{Nd}_]*/uy

type Mode = 'expression' | 'argument'

/** The flags of a switch statement, matched by prefix (§6); each starts with its own letter. */
const SWITCH_FLAGS = ['regex', 'wildcard', 'exact', 'casesensitive', 'file', 'parallel'] as const
const PIPELINE_VALUE_REQUIRED = "A switch statement must have one of the following:  '-file file_name' or '( expression )'."


/** parseScript parses a whole script (or -Command text) into its ScriptBlockAst. */
export function parseScript(source: SourceText): A.ScriptBlockAst {
  const parser = new Parser(source)
  try {
    return parser.script()
  } catch (error) {
    // Nesting deeper than JavaScript's stack (`((((…` from a fuzzer) is a parse error, never a crash (§8.1).
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw parser.tooDeeplyNested()
    throw error
  }
}

/** sameFinding tells whether two findings are one (the parser may scan a token twice when it looks ahead). */
function sameFinding(a: A.UnsupportedFinding, b: A.UnsupportedFinding): boolean {
  return a.start === b.start && a.message === b.message
}

class Parser {
  readonly #scanner: Scanner
  readonly #text: string
  /** Inside `( )`, `[ ]` and argument lists newlines are whitespace (§2.3); a stack of that flag. */
  readonly #newlinesAreSpace: boolean[] = [false]
  /** Loop nesting, for break/continue outside a loop (§6); reset in every script block. */
  #loops = 0
  /** The constructs outside the subset seen so far (§14.1). */
  readonly #findings: A.UnsupportedFinding[] = []
  /** Above 0 while skipping a construct that is itself a finding: nothing inside it is reported (§14.1). */
  #muted = 0
  /** Switch nesting, for `$switch` inside a switch (§14). */
  #switches = 0

  constructor(readonly source: SourceText) {
    this.#scanner = new Scanner(source)
    this.#scanner.onUnsupported = (message, start, end) => this.#report(message, start, end)
    this.#text = source.text
  }

  // ---- tokens ----------------------------------------------------------------------------------

  /** The last token peeked: the parser peeks before it takes, so each token is scanned once. */
  #peeked: {position: number; mode: Mode; space: boolean; token: Token; after: number} | undefined

  #next(mode: Mode): Token {
    const space = this.#newlinesAreSpace.at(-1)!
    const cached = this.#peeked
    if (cached && cached.position === this.#scanner.position && cached.mode === mode && cached.space === space) {
      this.#scanner.reset(cached.after)
      return cached.token
    }
    let token = this.#scanner.next(mode)
    while (token.kind === 'newline' && space) token = this.#scanner.next(mode)
    return token
  }

  #peek(mode: Mode): Token {
    const position = this.#scanner.position
    const space = this.#newlinesAreSpace.at(-1)!
    const cached = this.#peeked
    if (cached && cached.position === position && cached.mode === mode && cached.space === space) return cached.token
    const token = this.#next(mode)
    this.#peeked = {position, mode, space, token, after: this.#scanner.position}
    this.#scanner.reset(position)
    return token
  }

  #isOperator(token: Token, ...ops: string[]): token is Token & {kind: 'operator'; op: string} {
    return token.kind === 'operator' && ops.includes(token.op)
  }

  #word(token: Token): string | undefined {
    if (token.kind !== 'expandable' || !token.bare || token.parts.length !== 1 || token.parts[0]!.kind !== 'text') return undefined
    return token.parts[0].text.toLowerCase()
  }

  #skipNewlines(): void {
    while (this.#peek('expression').kind === 'newline') this.#next('expression')
  }

  #skipSeparators(): void {
    for (;;) {
      const token = this.#peek('expression')
      if (token.kind !== 'newline' && token.kind !== 'semicolon') return
      this.#next('expression')
    }
  }

  #with<T>(newlinesAreSpace: boolean, fn: () => T): T {
    this.#newlinesAreSpace.push(newlinesAreSpace)
    try {
      return fn()
    } finally {
      this.#newlinesAreSpace.pop()
    }
  }

  #error(errorId: string, message: string, start: number, end: number, incomplete = false): ErrorRecord {
    const record = parseError(errorId, message, {source: this.source, start, end})
    if (incomplete) INCOMPLETE.add(record)
    return record
  }

  /** #report records a construct outside the subset; the caller parses it and goes on (§14.1). */
  #report(message: string, start: number, end: number): void {
    const finding = {message, start, end}
    if (this.#muted === 0 && !this.#findings.some((f) => sameFinding(f, finding))) this.#findings.push(finding)
  }

  #notSupported(message: string, start: number, end: number): ErrorRecord {
    return this.#error('NotSupportedByCsxmpp', message, start, end)
  }

  #tokenText(token: Token): string {
    return this.#text.slice(token.start, token.end)
  }

  #unexpected(token: Token): ErrorRecord {
    if (token.kind === 'eof') return this.#error('IncompleteInput', 'Unexpected end of input.', token.start, token.end, true)
    if (token.kind === 'operator' && ['&&', '||', '??', '?.'].includes(token.op)) {
      return this.#notSupported(`The '${token.op}' operator (PowerShell 7) is not supported by csxmpp.`, token.start, token.end)
    }
    if (token.kind === 'operator' && BITWISE.has(token.op)) {
      return this.#notSupported(`The '${token.op}' operator is not supported by csxmpp.`, token.start, token.end)
    }
    return this.#error('UnexpectedToken', `Unexpected token '${this.#tokenText(token)}' in expression or statement.`, token.start, token.end)
  }

  #expect(mode: Mode, op: string, errorId: string, message: string): Token {
    const token = this.#next(mode)
    if (this.#isOperator(token, op)) return token
    throw this.#error(errorId, message, token.start, token.end, token.kind === 'eof')
  }

  /** tooDeeplyNested is the parse error of a script nested deeper than the parser can follow. */
  tooDeeplyNested(): ErrorRecord {
    const at = this.#scanner.position
    return this.#error('ScriptTooDeeplyNested', 'The script is nested too deeply for csxmpp to parse.', at, at + 1)
  }

  // ---- statements ------------------------------------------------------------------------------

  script(): A.ScriptBlockAst {
    this.#skipSeparators()
    const paramBlock = this.#paramBlockIfAny()
    const statements = this.#statementList('eof')
    this.#checkRequires()
    const findings = [...this.#findings].sort((a, b) => a.start - b.start)
    return {type: 'ScriptBlock', source: this.source, paramBlock, statements, findings, start: 0, end: this.#text.length}
  }

  /** #statementList reads statements until the terminator (`)`, `}` or end of input), which it leaves. */
  #statementList(terminator: ')' | '}' | 'eof'): A.StatementAst[] {
    const statements: A.StatementAst[] = []
    this.#with(false, () => {
      for (;;) {
        this.#skipSeparators()
        const token = this.#peek('expression')
        if (this.#ends(token, terminator)) return
        statements.push(...this.#pipelineChain(this.#statement()))
        const after = this.#peek('expression')
        if (after.kind === 'newline' || after.kind === 'semicolon') continue
        if (this.#ends(after, terminator)) return
        throw this.#unexpected(after)
      }
    })
    return statements
  }

  #ends(token: Token, terminator: ')' | '}' | 'eof'): boolean {
    if (token.kind === 'eof') return true
    return terminator !== 'eof' && this.#isOperator(token, terminator)
  }

  #statement(): A.StatementAst {
    const token = this.#peek('expression')
    const word = this.#word(token)
    if (word !== undefined) {
      const unsupported = UNSUPPORTED_KEYWORDS[word]
      if (unsupported) return this.#unsupportedStatement(token, word, unsupported)
      switch (word) {
        case 'if':
          return this.#if()
        case 'foreach':
          if (this.#followedBy(token.end, '(')) return this.#foreach()
          break
        case 'for':
          return this.#for()
        case 'while':
          return this.#while()
        case 'switch':
          return this.#switch()
        case 'try':
          return this.#try()
        case 'function':
          return this.#function()
        case 'break':
        case 'continue':
          return this.#flow(word)
        case 'return':
        case 'exit':
        case 'throw':
          return this.#valueStatement(word)
        case 'param':
          if (this.#followedBy(token.end, '(')) throw this.#unexpected(token)
          break
        case 'else':
        case 'elseif':
        case 'catch':
        case 'finally':
          throw this.#unexpected(token)
      }
    }
    return this.#pipeline()
  }

  /**
   * #unsupportedStatement reports a statement keyword outside the subset (`class`, `do`, `trap`, …) and
   * moves past its construct; nothing inside it is searched further (§14.1).
   */
  #unsupportedStatement(keyword: Token, word: string, message: string): A.UnsupportedStatementAst {
    this.#report(message, keyword.start, keyword.end)
    this.#muted++
    try {
      return {type: 'UnsupportedStatement', start: keyword.start, end: this.#skipConstruct(word)}
    } finally {
      this.#muted--
    }
  }

  /**
   * #skipConstruct moves over a statement from its keyword to the end of the statement, brackets balanced
   * (§14.1): `class X { … }`, `do { … } while (…)`, `using namespace X`. Its block may start on the next
   * line, and a do loop's `while`/`until` may too, as in PowerShell.
   */
  #skipConstruct(word: string): number {
    const open: Token[] = []
    let end = this.#next('argument').end
    let awaiting: 'block' | 'condition' | 'none' = word === 'using' ? 'none' : 'block'
    return this.#with(false, () => {
      for (;;) {
        const token = this.#peek('argument')
        if (token.kind === 'eof' && open.length > 0) {
          throw this.#error('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", open.at(-1)!.start, open.at(-1)!.end, true)
        }
        if (open.length === 0) {
          if (token.kind === 'newline' && this.#continuesAfterNewlines(awaiting)) continue
          if (token.kind === 'eof' || token.kind === 'newline' || token.kind === 'semicolon' || this.#isOperator(token, ')', '}')) return end
        }
        this.#next('argument')
        end = token.end
        if (token.kind === 'operator' && OPENERS.has(token.op)) open.push(token)
        else if (this.#isOperator(token, ')', '}')) {
          open.pop()
          if (open.length === 0 && token.op === '}' && awaiting === 'block') awaiting = word === 'do' ? 'condition' : 'none'
        } else if (awaiting === 'condition' && open.length === 0 && ['while', 'until'].includes(this.#word(token) ?? '')) awaiting = 'none'
      }
    })
  }

  /** #continuesAfterNewlines skips the newlines before a construct's first block, or before a do loop's while/until. */
  #continuesAfterNewlines(awaiting: 'block' | 'condition' | 'none'): boolean {
    if (awaiting === 'condition') return this.#peekWordAfterNewlines('while', 'until') !== undefined
    if (awaiting === 'none') return false
    const saved = this.#scanner.position
    this.#skipNewlines()
    if (this.#isOperator(this.#peek('argument'), '{')) return true
    this.#scanner.reset(saved)
    return false
  }

  /** #pipelineChain reads PowerShell 7's `a && b || c` (§14); its pipelines are kept as statements, so that the check searches them. */
  #pipelineChain(first: A.StatementAst): A.StatementAst[] {
    const statements = [first]
    for (;;) {
      const token = this.#peek('expression')
      if (!this.#isOperator(token, '&&', '||')) return statements
      this.#report(`The '${token.op}' operator (PowerShell 7) is not supported by csxmpp.`, token.start, token.end)
      this.#next('expression')
      this.#skipNewlines()
      if (this.#ends(this.#peek('expression'), '}')) throw this.#unexpected(this.#peek('expression'))
      statements.push(this.#statement())
    }
  }

  /** #followedBy tells whether, after whitespace, the text at offset starts with text. */
  #followedBy(offset: number, text: string): boolean {
    let i = offset
    while (isBlank(this.#text[i])) i++
    return this.#text.startsWith(text, i)
  }

  #keyword(): Token {
    return this.#next('expression')
  }

  #block(after: string, keyword: Token): A.StatementBlockAst {
    this.#skipNewlines()
    const open = this.#next('expression')
    if (!this.#isOperator(open, '{')) {
      throw this.#error('MissingStatementBlock', `Missing statement block after ${after}.`, keyword.start, open.start, open.kind === 'eof')
    }
    const statements = this.#statementList('}')
    const close = this.#next('expression')
    if (!this.#isOperator(close, '}')) {
      throw this.#error('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", open.start, open.end, true)
    }
    return {type: 'StatementBlock', statements, start: open.start, end: close.end}
  }

  /** #condition reads `( pipeline )` after if, elseif and while. */
  #condition(keyword: Token, name: string): A.PipelineBaseAst {
    const open = this.#next('expression')
    if (!this.#isOperator(open, '(')) {
      throw this.#error('MissingOpenParenthesisInIfStatement', `Missing '(' after '${name}' in ${name} statement.`, keyword.start, keyword.end, open.kind === 'eof')
    }
    return this.#with(true, () => {
      const condition = this.#pipeline()
      this.#expect('expression', ')', 'MissingEndParenthesisAfterStatement', `Missing closing ')' after expression in '${name}' statement.`)
      return condition
    })
  }

  /** #peekWordAfterNewlines looks past newlines for else/elseif/catch/finally (§2.3). */
  #peekWordAfterNewlines(...words: string[]): string | undefined {
    const saved = this.#scanner.position
    this.#skipNewlines()
    const word = this.#word(this.#peek('expression'))
    if (word !== undefined && words.includes(word)) return word
    this.#scanner.reset(saved)
    return undefined
  }

  #if(): A.IfStatementAst {
    const keyword = this.#keyword()
    const clauses: Array<{condition: A.PipelineBaseAst; body: A.StatementBlockAst}> = []
    clauses.push({condition: this.#condition(keyword, 'if'), body: this.#block('if ( condition )', keyword)})
    let elseBody: A.StatementBlockAst | undefined
    for (;;) {
      const word = this.#peekWordAfterNewlines('elseif', 'else')
      if (word === undefined) break
      const next = this.#keyword()
      if (word === 'else') {
        elseBody = this.#block("'else'", next)
        break
      }
      clauses.push({condition: this.#condition(next, 'elseif'), body: this.#block('elseif ( condition )', next)})
    }
    const end = (elseBody ?? clauses.at(-1)!.body).end
    return {type: 'If', clauses, elseBody, start: keyword.start, end}
  }

  #loopBody(keyword: Token, after: string): A.StatementBlockAst {
    this.#loops++
    try {
      return this.#block(after, keyword)
    } finally {
      this.#loops--
    }
  }

  #foreach(): A.ForEachStatementAst {
    const keyword = this.#keyword()
    this.#next('expression') // (
    const {variable, collection} = this.#with(true, () => {
      const token = this.#next('expression')
      if (token.kind !== 'variable') {
        throw this.#error('MissingVariableNameInForeach', 'Missing variable name after foreach.', token.start, token.end, token.kind === 'eof')
      }
      const variable = this.#variable(token)
      const inToken = this.#next('expression')
      if (this.#word(inToken) !== 'in') {
        throw this.#error('MissingInInForeach', "Missing 'in' after variable in foreach loop.", inToken.start, inToken.end, inToken.kind === 'eof')
      }
      const collection = this.#pipeline()
      this.#expect('expression', ')', 'MissingEndParenthesisAfterForeach', "Missing closing ')' after expression in 'foreach' statement.")
      return {variable, collection}
    })
    const body = this.#loopBody(keyword, "foreach ( $variable in expression )")
    return {type: 'ForEach', variable, collection, body, start: keyword.start, end: body.end}
  }

  #for(): A.ForStatementAst {
    const keyword = this.#keyword()
    this.#expect('expression', '(', 'MissingOpenParenthesisAfterKeyword', "Missing opening '(' after keyword 'for'.")
    const part = (last: boolean): A.PipelineBaseAst | undefined => {
      this.#skipNewlines()
      const token = this.#peek('expression')
      const pipeline = token.kind === 'semicolon' || this.#isOperator(token, ')') ? undefined : this.#pipeline()
      this.#skipNewlines()
      const end = this.#next('expression')
      if (last ? !this.#isOperator(end, ')') : end.kind !== 'semicolon' && end.kind !== 'newline') {
        throw this.#error('MissingEndParenthesisAfterStatement', "Missing closing ')' after expression in 'for' statement.", end.start, end.end, end.kind === 'eof')
      }
      return pipeline
    }
    const initializer = part(false)
    const condition = part(false)
    const iterator = part(true)
    const body = this.#loopBody(keyword, 'for ( … )')
    return {type: 'For', initializer, condition, iterator, body, start: keyword.start, end: body.end}
  }

  #while(): A.WhileStatementAst {
    const keyword = this.#keyword()
    const condition = this.#condition(keyword, 'while')
    const body = this.#loopBody(keyword, 'while ( condition )')
    return {type: 'While', condition, body, start: keyword.start, end: body.end}
  }

  // ---- switch (§6; PS's SwitchStatementRule) -----------------------------------------------------

  #switch(): A.SwitchStatementAst {
    const keyword = this.#keyword()
    const flags = this.#switchFlags(keyword)
    const {input, end: inputEnd} = flags.file ? {input: flags.file, end: flags.end} : this.#switchInput(flags.end)
    this.#switches++
    try {
      const {clauses, end} = this.#switchBody(inputEnd)
      return {type: 'Switch', mode: flags.mode, caseSensitive: flags.caseSensitive, input, clauses, unsupportedFlags: flags.unsupported, start: keyword.start, end}
    } finally {
      this.#switches--
    }
  }

  /** #switchFlags reads `-Regex -Wildcard -Exact -CaseSensitive` (any case, any prefix) and `-File name`, `-Parallel`. */
  #switchFlags(keyword: Token) {
    let mode: A.SwitchStatementAst['mode'] = 'exact'
    let caseSensitive = false
    let file: A.ExpressionAst | undefined
    const unsupported: A.SwitchFlagAst[] = []
    let end = keyword.end
    for (;;) {
      this.#skipNewlines()
      const token = this.#peek('argument')
      if (token.kind !== 'parameter') return {mode, caseSensitive, file, unsupported, end}
      this.#next('argument')
      end = token.end
      const flag = SWITCH_FLAGS.find((f) => f.startsWith(token.name.toLowerCase()))
      if (!flag) throw this.#error('InvalidSwitchFlag', `The parameter ${token.name} is not valid for the switch statement.`, token.start, token.end)
      if (flag === 'casesensitive') caseSensitive = true
      else if (flag === 'file' || flag === 'parallel') unsupported.push({type: 'SwitchFlag', flag, start: token.start, end: token.end})
      else mode = flag
      if (flag === 'file') {
        file = this.#switchFile(token)
        end = file.end
      }
    }
  }

  /** #switchFile reads the file name after `-File`, so that the construct parses and the check reports it (§14). */
  #switchFile(flag: Token): A.ExpressionAst {
    this.#skipNewlines()
    const token = this.#peek('argument')
    if (!this.#startsSwitchCondition(token)) {
      throw this.#error('MissingFilenameOption', "Cannot process the 'switch' statement because of a missing file name argument to the -file option.", flag.end, flag.end, token.kind === 'eof')
    }
    return this.#argument()
  }

  /** #switchInput reads `( pipeline )`; positions of its errors follow PS (zero width, after the last token). */
  #switchInput(after: number): {input: A.PipelineBaseAst; end: number} {
    this.#skipNewlines()
    const open = this.#next('expression')
    if (!this.#isOperator(open, '(')) throw this.#error('PipelineValueRequired', PIPELINE_VALUE_REQUIRED, after, after, open.kind === 'eof')
    return this.#with(true, () => {
      const next = this.#peek('expression')
      if (next.kind === 'eof' || this.#isOperator(next, ')')) throw this.#error('PipelineValueRequired', PIPELINE_VALUE_REQUIRED, open.end, open.end, next.kind === 'eof')
      const pipeline = this.#pipeline()
      const close = this.#next('expression')
      if (!this.#isOperator(close, ')')) {
        throw this.#error('MissingEndParenthesisInSwitchStatement', "Missing ')' after expression in switch statement.", pipeline.end, pipeline.end, close.kind === 'eof')
      }
      return {input: pipeline, end: close.end}
    })
  }

  /** #switchBody reads `{ clause { clause } }`: clauses separated by newlines, `;` or nothing (§3). */
  #switchBody(after: number): {clauses: A.SwitchClauseAst[]; end: number} {
    this.#skipNewlines()
    const open = this.#next('expression')
    if (!this.#isOperator(open, '{')) throw this.#error('MissingCurlyBraceInSwitchStatement', "Missing '{' in switch statement.", after, after, open.kind === 'eof')
    const clauses: A.SwitchClauseAst[] = []
    return this.#with(false, () => {
      let end = open.end
      for (;;) {
        this.#skipNewlines()
        const clause = this.#switchClause(end)
        if (!clause.condition && clauses.some((c) => !c.condition)) {
          throw this.#error('MultipleSwitchDefaultClauses', 'A switch statement can have only one default clause.', clause.start, clause.start + 'default'.length)
        }
        clauses.push(clause)
        end = clause.end
        this.#skipSeparators()
        const next = this.#peek('expression')
        if (this.#isOperator(next, '}')) return {clauses, end: this.#next('expression').end}
        if (next.kind === 'eof') throw this.#error('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", open.start, open.end, true)
      }
    })
  }

  #switchClause(after: number): A.SwitchClauseAst {
    const token = this.#peek('argument')
    if (!this.#startsSwitchCondition(token)) {
      throw this.#error('MissingSwitchConditionExpression', 'Missing condition in switch statement clause.', after, after, token.kind === 'eof')
    }
    const isDefault = this.#word(token) === 'default'
    if (isDefault) this.#next('argument')
    const condition = isDefault ? undefined : this.#switchCondition()
    const conditionEnd = condition?.end ?? token.end
    this.#skipNewlines()
    const open = this.#peek('expression')
    if (!this.#isOperator(open, '{')) {
      throw this.#error('MissingSwitchStatementClause', 'Missing statement block in switch statement clause.', conditionEnd, conditionEnd, open.kind === 'eof')
    }
    const body = this.#loopBody(open, 'switch condition')
    return {type: 'SwitchClause', condition, body, start: token.start, end: body.end}
  }

  #startsSwitchCondition(token: Token): boolean {
    if (token.kind === 'variable') return !token.splat
    if (['number', 'string', 'expandable', 'parameter'].includes(token.kind)) return true
    return this.#isOperator(token, '(', '$(', '@(', '@{', '{')
  }

  /** #switchCondition reads one condition in argument mode; a `-word` is the text it reads as. */
  #switchCondition(): A.ExpressionAst {
    const token = this.#peek('argument')
    if (token.kind !== 'parameter') return this.#argument()
    this.#next('argument')
    return {type: 'StringConstant', value: this.#tokenText(token), bare: true, start: token.start, end: token.end}
  }

  #try(): A.TryStatementAst {
    const keyword = this.#keyword()
    const body = this.#block("'try'", keyword)
    const catches: A.CatchClauseAst[] = []
    let finallyBlock: A.StatementBlockAst | undefined
    for (;;) {
      const word = this.#peekWordAfterNewlines('catch', 'finally')
      if (word === undefined) break
      const next = this.#keyword()
      if (word === 'finally') {
        finallyBlock = this.#block("'finally'", next)
        break
      }
      const catchTypes = this.#catchTypes()
      const clause = this.#block("'catch'", next)
      catches.push({type: 'CatchClause', catchTypes, body: clause, start: next.start, end: clause.end})
    }
    if (catches.length === 0 && !finallyBlock) {
      throw this.#error('MissingCatchOrFinally', 'The Try statement is missing its Catch or Finally block.', body.end - 1, body.end, true)
    }
    return {type: 'Try', body, catches, finally: finallyBlock, start: keyword.start, end: (finallyBlock ?? catches.at(-1)?.body ?? body).end}
  }

  #catchTypes(): string[] {
    const types: string[] = []
    for (;;) {
      const start = this.#scanner.position
      while (this.#text[this.#scanner.position] === ' ' || this.#text[this.#scanner.position] === '\t') this.#scanner.reset(this.#scanner.position + 1)
      const literal = this.#typeLiteralAt(this.#scanner.position)
      if (!literal) {
        this.#scanner.reset(start)
        return types
      }
      if (!isCatchType(literal.name)) this.#report(`The catch type [${literal.name}] is not supported by csxmpp.`, literal.start, literal.end)
      types.push(literal.name)
      this.#scanner.reset(literal.end)
      if (!this.#isOperator(this.#peek('expression'), ',')) return types
      this.#next('expression')
    }
  }

  #function(): A.FunctionDefinitionAst {
    const keyword = this.#keyword()
    const nameToken = this.#next('argument')
    if (nameToken.kind !== 'expandable' || !nameToken.bare) {
      throw this.#error('MissingNameAfterKeyword', "Missing name after 'function' keyword.", nameToken.start, nameToken.end, nameToken.kind === 'eof')
    }
    const name = this.#tokenText(nameToken)
    let parameters: A.ParameterAst[] = []
    if (this.#isOperator(this.#peek('expression'), '(')) {
      this.#next('expression')
      parameters = this.#parameterList()
    }
    this.#skipNewlines()
    const open = this.#next('expression')
    if (!this.#isOperator(open, '{')) {
      throw this.#error('MissingFunctionBody', 'Missing function body in function declaration.', nameToken.start, nameToken.end, open.kind === 'eof')
    }
    const body = this.#scriptBlockBody(open)
    return {type: 'FunctionDefinition', name, parameters, body, start: keyword.start, end: body.end}
  }

  #flow(word: 'break' | 'continue'): A.FlowStatementAst {
    const token = this.#keyword()
    if (this.#loops === 0) this.#report(`${word} outside a loop is not supported by csxmpp.`, token.start, token.end)
    return {type: word === 'break' ? 'Break' : 'Continue', start: token.start, end: token.end}
  }

  #valueStatement(word: 'return' | 'exit' | 'throw'): A.ValueStatementAst {
    const token = this.#keyword()
    const next = this.#peek('expression')
    const empty = next.kind === 'eof' || next.kind === 'newline' || next.kind === 'semicolon' || this.#isOperator(next, '}', ')')
    const pipeline = empty ? undefined : this.#pipeline()
    const type = word === 'return' ? 'Return' : word === 'exit' ? 'Exit' : 'Throw'
    return {type, pipeline, start: token.start, end: pipeline?.end ?? token.end}
  }

  // ---- param blocks ----------------------------------------------------------------------------

  /** #paramBlockIfAny reads `{attribute} param( … )` at the start of a script or script block. */
  #paramBlockIfAny(): A.ParamBlockAst | undefined {
    const saved = this.#scanner.position
    const attributes: A.AttributeAst[] = []
    for (;;) {
      this.#skipNewlines()
      const attribute = this.#attributeAt()
      if (!attribute) break
      attributes.push(attribute)
    }
    this.#skipNewlines()
    const token = this.#peek('expression')
    if (this.#word(token) !== 'param' || !this.#followedBy(token.end, '(')) {
      if (attributes.length > 0) throw this.#unexpected(token)
      this.#scanner.reset(saved)
      return undefined
    }
    this.#next('expression')
    this.#next('expression') // (
    const parameters = this.#parameterList()
    return {type: 'ParamBlock', attributes, parameters, start: attributes[0]?.start ?? token.start, end: this.#scanner.position}
  }

  /** #parameterList reads `param_decl { , param_decl } )` after the opening parenthesis. */
  #parameterList(): A.ParameterAst[] {
    return this.#with(true, () => {
      const parameters: A.ParameterAst[] = []
      if (this.#isOperator(this.#peek('expression'), ')')) {
        this.#next('expression')
        return parameters
      }
      for (;;) {
        parameters.push(this.#parameter())
        const token = this.#next('expression')
        if (this.#isOperator(token, ')')) return parameters
        if (!this.#isOperator(token, ',')) {
          throw this.#error('MissingEndParenthesisInFunctionParameterList', "Missing ')' in function parameter list.", token.start, token.end, token.kind === 'eof')
        }
      }
    })
  }

  #parameter(): A.ParameterAst {
    const attributes: Array<A.AttributeAst | A.TypeConstraintAst> = []
    const start = this.#peek('expression').start
    for (;;) {
      const token = this.#peek('expression')
      if (!this.#isOperator(token, '[')) break
      const attribute = this.#attributeAt()
      if (attribute) {
        attributes.push(attribute)
        continue
      }
      const literal = this.#typeLiteralAt(token.start)
      if (!literal) throw this.#unexpected(token)
      this.#checkType(literal.name, literal.start, literal.end)
      this.#scanner.reset(literal.end)
      attributes.push({type: 'TypeConstraint', typeName: literal.name, start: literal.start, end: literal.end})
    }
    const token = this.#next('expression')
    if (token.kind !== 'variable') {
      throw this.#error('InvalidFunctionParameter', 'Function declaration parameters must be variables.', token.start, token.end, token.kind === 'eof')
    }
    const variable = this.#variable(token)
    let defaultValue: A.ExpressionAst | undefined
    if (this.#isOperator(this.#peek('expression'), '=')) {
      this.#next('expression')
      defaultValue = this.#expression({comma: false})
    }
    return {type: 'Parameter', name: variable.name, attributes, defaultValue, start, end: this.#scanner.position}
  }

  /** #attributeAt reads `[Name(args)]` when the text after whitespace is one; undefined otherwise. */
  #attributeAt(): A.AttributeAst | undefined {
    const open = this.#peek('expression')
    if (!this.#isOperator(open, '[')) return undefined
    NAME.lastIndex = open.end
    const name = NAME.exec(this.#text)?.[0]
    if (!name || this.#text[open.end + name.length] !== '(') return undefined
    if (!KNOWN_ATTRIBUTES.has(name.toLowerCase())) this.#report(`The attribute [${name}] is not supported by csxmpp.`, open.start, open.end + name.length)
    this.#scanner.reset(open.end + name.length + 1)
    const positional: A.ExpressionAst[] = []
    const named: Array<[string, A.ExpressionAst]> = []
    this.#with(true, () => {
      while (!this.#isOperator(this.#peek('expression'), ')')) {
        const token = this.#peek('expression')
        const key = this.#word(token)
        if (key !== undefined && /^[\p{L}_]/u.test(key)) {
          this.#next('expression')
          if (/^valuefrompipeline/.test(key)) this.#report(PIPELINE_INPUT_MESSAGE, token.start, token.end)
          const hasValue = this.#isOperator(this.#peek('expression'), '=')
          if (hasValue) this.#next('expression')
          const value: A.ExpressionAst = hasValue ? this.#expression({comma: false}) : {type: 'Variable', name: 'true', scope: undefined, splat: false, start: token.start, end: token.end}
          named.push([this.#tokenText(token), value])
        } else positional.push(this.#expression({comma: false}))
        if (this.#isOperator(this.#peek('expression'), ',')) this.#next('expression')
      }
      this.#next('expression')
      this.#expect('expression', ']', 'EndSquareBracketExpectedAtEndOfAttribute', "Missing ']' at end of attribute or type literal.")
    })
    return {type: 'Attribute', name, positional, named, start: open.start, end: this.#scanner.position}
  }

  // ---- pipelines and commands ------------------------------------------------------------------

  #pipeline(): A.PipelineBaseAst {
    const start = this.#peek('expression').start
    const elements: Array<A.CommandAst | A.CommandExpressionAst> = []
    const first = this.#pipelineStart()
    if (first.type !== 'Command') {
      const operator = this.#peek('expression')
      if (operator.kind === 'operator' && ASSIGNMENT_OPERATORS.has(operator.op)) return this.#assignment(first, operator)
      if (this.#isOperator(operator, '??') && this.#text[operator.end] === '=') return this.#coalescingAssignment(first, operator)
      elements.push({type: 'CommandExpression', expression: first, redirections: this.#redirections('expression'), start: first.start, end: this.#scanner.position})
    } else elements.push(first)
    for (;;) {
      const token = this.#peek(elements.at(-1)!.type === 'Command' ? 'argument' : 'expression')
      if (!this.#isOperator(token, '|')) break
      this.#next('expression')
      this.#skipNewlines()
      const next = this.#peek('argument')
      if (next.kind === 'eof' || next.kind === 'newline' || next.kind === 'semicolon' || this.#isOperator(next, ')', '}', '|')) {
        throw this.#error('EmptyPipeElement', 'An empty pipe element is not allowed.', token.start, token.end, next.kind === 'eof')
      }
      const element = this.#pipelineStart()
      if (element.type !== 'Command') {
        throw this.#error('ExpressionsMustBeFirstInPipeline', 'Expressions are only allowed as the first element of a pipeline.', element.start, element.end)
      }
      elements.push(element)
    }
    return {type: 'Pipeline', elements, start, end: elements.at(-1)!.end}
  }

  /** #pipelineStart reads a command, or an expression when the element starts with a value (§2.7). */
  #pipelineStart(): A.CommandAst | A.ExpressionAst {
    const token = this.#peek('expression')
    if (token.kind === 'expandable' && token.bare) return this.#command()
    if (this.#isOperator(token, '&', '?', '%')) return this.#command()
    // `. ./common.ps1` dot-sources; `./x.ps1` and `.\x.ps1` are command names (§6).
    if (this.#isOperator(token, '.')) return this.#command()
    return this.#expression({comma: true})
  }

  #assignment(target: A.ExpressionAst, operator: Token & {kind: 'operator'; op: string}): A.AssignmentStatementAst {
    if (target.type === 'ArrayLiteral') this.#report('Multiple assignment is not supported by csxmpp.', target.start, operator.end)
    else if (!this.#isAssignable(target)) {
      throw this.#error('InvalidLeftHandSide', 'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.', target.start, target.end)
    }
    this.#next('expression')
    return this.#assignedValue(target, operator.op)
  }

  #assignedValue(target: A.ExpressionAst, operator: string): A.AssignmentStatementAst {
    this.#skipNewlines()
    const word = this.#word(this.#peek('expression'))
    const value: A.StatementAst = word === 'if' ? this.#if() : word === 'foreach' ? this.#foreach() : word === 'switch' ? this.#switch() : this.#pipeline()
    return {type: 'Assignment', target, operator, value, start: target.start, end: value.end}
  }

  /** #coalescingAssignment reads PowerShell 7's `$x ??= value` (§14). */
  #coalescingAssignment(target: A.ExpressionAst, operator: Token): A.AssignmentStatementAst {
    this.#report("The '??=' operator (PowerShell 7) is not supported by csxmpp.", operator.start, operator.end + 1)
    this.#next('expression')
    this.#scanner.reset(operator.end + 1)
    return this.#assignedValue(target, '??=')
  }

  #isAssignable(target: A.ExpressionAst): boolean {
    if (target.type === 'Variable') return !target.splat
    if (target.type === 'Member') return !target.isStatic && target.arguments === undefined
    if (target.type === 'Index') return true
    return target.type === 'Convert' && target.operand.type === 'Variable'
  }

  #command(): A.CommandAst {
    const first = this.#next('argument')
    let name: string | A.ExpressionAst
    let invocation: A.CommandAst['invocation'] = 'name'
    if (this.#isOperator(first, '&') || this.#tokenText(first) === '.') {
      invocation = this.#isOperator(first, '&') ? 'call' : 'dot'
      name = this.#argument()
    } else if (first.kind === 'expandable' && first.bare) {
      name = first.parts.every((p) => p.kind === 'text') ? first.parts.map((p) => (p as {text: string}).text).join('') : this.#expandable(first)
    } else throw this.#unexpected(first)
    const elements: Array<A.CommandParameterAst | A.ExpressionAst> = []
    const redirections: A.RedirectionAst[] = []
    for (;;) {
      const token = this.#peek('argument')
      if (token.kind === 'eof' || token.kind === 'newline' || token.kind === 'semicolon' || this.#isOperator(token, ')', '}', '|')) break
      if (this.#isOperator(token, '&&', '||')) break
      if (this.#isOperator(token, '&')) {
        this.#report("The '&' operator (PowerShell 7) is not supported by csxmpp.", token.start, token.end)
        this.#next('argument')
        continue
      }
      if (token.kind === 'operator' && REDIRECTIONS.has(token.op)) {
        redirections.push(this.#redirection())
        continue
      }
      if (this.#unsupportedRedirection(token)) continue
      if (token.kind === 'parameter') {
        this.#next('argument')
        const argument = token.colon ? this.#argumentList() : undefined
        elements.push({type: 'CommandParameter', name: token.name, argument, start: token.start, end: argument?.end ?? token.end})
        continue
      }
      if (this.#tokenText(token) === '--%') {
        this.#stopParsing(token)
        continue
      }
      elements.push(this.#argumentList())
    }
    const end = Math.max(first.end, ...elements.map((e) => e.end))
    return {type: 'Command', name, invocation, elements, redirections, start: first.start, end}
  }

  /** #unsupportedRedirection reports and moves past a redirection outside the subset (§14): `3>`…`6>`, `*>`, `<`. */
  #unsupportedRedirection(token: Token): boolean {
    const text = this.#tokenText(token)
    const stream = /^[3-6*]$/.test(text) && this.#text[token.end] === '>'
    if (!stream && !text.startsWith('<')) return false
    const shown = stream ? `${text}>` : '<'
    this.#report(`The redirection '${shown}' is not supported by csxmpp.`, token.start, token.start + shown.length)
    let at = token.start + shown.length
    if (stream && this.#text[at] === '>') at++
    if (stream && /^&[1-6]/.test(this.#text.slice(at, at + 2))) {
      this.#scanner.reset(at + 2)
      return true
    }
    this.#scanner.reset(at)
    const next = this.#peek('argument')
    if (next.kind === 'eof' || next.kind === 'newline' || next.kind === 'semicolon' || this.#isOperator(next, ')', '}', '|')) {
      throw this.#error('MissingFileSpecification', 'Missing file specification after redirection operator.', token.start, at, next.kind === 'eof')
    }
    this.#argument()
    return true
  }

  /** #stopParsing reports `--%` and moves past what it would pass verbatim: the rest of the line, up to a `|` (§14). */
  #stopParsing(token: Token): void {
    this.#report('The stop-parsing token (--%) is not supported by csxmpp.', token.start, token.end)
    const rest = /[\r\n|]/g
    rest.lastIndex = token.end
    this.#scanner.reset(rest.exec(this.#text)?.index ?? this.#text.length)
  }

  #redirections(mode: Mode): A.RedirectionAst[] {
    const redirections: A.RedirectionAst[] = []
    for (;;) {
      const token = this.#peek(mode)
      if (this.#unsupportedRedirection(token)) continue
      if (token.kind !== 'operator' || !REDIRECTIONS.has(token.op)) return redirections
      redirections.push(this.#redirection())
    }
  }

  #redirection(): A.RedirectionAst {
    const token = this.#next('argument') as Token & {kind: 'operator'; op: string}
    const stream = token.op.startsWith('2') ? 'error' : 'output'
    if (token.op === '2>&1') return {type: 'Redirection', stream, append: false, start: token.start, end: token.end}
    const next = this.#peek('argument')
    if (next.kind === 'eof' || next.kind === 'newline' || next.kind === 'semicolon') {
      throw this.#error('MissingFileSpecification', 'Missing file specification after redirection operator.', token.start, token.end, next.kind === 'eof')
    }
    const target = this.#argument()
    return {type: 'Redirection', stream, append: token.op.endsWith('>>'), target, start: token.start, end: target.end}
  }

  /** #argumentList reads `argument { , argument }` in argument mode (§2.7). */
  #argumentList(): A.ExpressionAst {
    const first = this.#argument()
    if (!this.#isOperator(this.#peek('argument'), ',')) return first
    const elements = [first]
    while (this.#isOperator(this.#peek('argument'), ',')) {
      const comma = this.#next('argument')
      this.#skipNewlines()
      const next = this.#peek('argument')
      if (next.kind === 'eof' || next.kind === 'newline' || next.kind === 'semicolon' || this.#isOperator(next, ')', '}', '|')) {
        throw this.#error('MissingExpression', "Missing expression after ','.", comma.start, comma.end, next.kind === 'eof')
      }
      elements.push(this.#argument())
    }
    return {type: 'ArrayLiteral', elements, start: first.start, end: elements.at(-1)!.end}
  }

  /** #argument reads one command argument in argument mode. */
  #argument(): A.ExpressionAst {
    const token = this.#next('argument')
    switch (token.kind) {
      case 'number':
        return {type: 'Constant', value: token.value, start: token.start, end: token.end}
      case 'string':
        return {type: 'StringConstant', value: token.value, bare: false, start: token.start, end: token.end}
      case 'expandable':
        return this.#expandable(token)
      case 'variable':
        return token.splat ? this.#variable(token) : this.#postfix(this.#variable(token))
      case 'operator':
        if (['(', '$(', '@(', '@{', '{'].includes(token.op)) return this.#postfix(this.#grouping(token))
    }
    throw this.#unexpected(token)
  }

  // ---- expressions -----------------------------------------------------------------------------

  #expression(options: {comma: boolean}): A.ExpressionAst {
    const condition = this.#coalesce(options)
    const question = this.#peek('expression')
    if (!this.#isOperator(question, '?')) return condition
    // PowerShell 7's `condition ? a : b` (§14): parsed with its precedence, below `??`.
    this.#report("The '? :' operator (PowerShell 7) is not supported by csxmpp.", question.start, question.end)
    this.#next('expression')
    this.#skipNewlines()
    const whenTrue = this.#operand(question, () => this.#expression(options))
    this.#skipNewlines()
    const colon = this.#next('expression')
    if (this.#tokenText(colon) !== ':') throw this.#unexpected(colon)
    this.#skipNewlines()
    const whenFalse = this.#operand(colon, () => this.#expression(options))
    const branches: A.ExpressionAst = {type: 'Binary', operator: ':', left: whenTrue, right: whenFalse, start: whenTrue.start, end: whenFalse.end}
    return {type: 'Binary', operator: '?', left: condition, right: branches, start: condition.start, end: whenFalse.end}
  }

  /** #coalesce reads PowerShell 7's `a ?? b` (§14), which binds more loosely than -and and -or. */
  #coalesce(options: {comma: boolean}): A.ExpressionAst {
    let left = this.#binary(0, options)
    for (;;) {
      const token = this.#peek('expression')
      if (!this.#isOperator(token, '??') || this.#text[token.end] === '=') return left
      this.#report("The '??' operator (PowerShell 7) is not supported by csxmpp.", token.start, token.end)
      this.#next('expression')
      this.#skipNewlines()
      const right = this.#operand(token, () => this.#binary(0, options))
      left = {type: 'Binary', operator: '??', left, right, start: left.start, end: right.end}
    }
  }

  /** Binary levels from loosest to tightest (§3 notes on precedence). */
  static readonly #levels: ReadonlyArray<(op: string) => boolean> = [
    (op) => LOGICAL_OPERATORS.has(op),
    // PowerShell's bitwise precedence, between -and and -eq; -shl and -shr rank with the comparisons.
    (op) => op === '-band' || op === '-bor' || op === '-bxor',
    (op) => COMPARISON.test(op) || op === '-shl' || op === '-shr',
    (op) => op === '+' || op === '-',
    (op) => op === '*' || op === '/' || op === '%',
  ]

  #binary(level: number, options: {comma: boolean}): A.ExpressionAst {
    if (level === Parser.#levels.length) return this.#sign(options)
    let left = this.#binary(level + 1, options)
    for (;;) {
      const token = this.#peek('expression')
      if (token.kind !== 'operator') return left
      if (!Parser.#levels[level]!(token.op)) return left
      if (BITWISE.has(token.op)) this.#report(`The '${token.op}' operator is not supported by csxmpp.`, token.start, token.end)
      this.#next('expression')
      this.#skipNewlines()
      const right = this.#operand(token, () => this.#binary(level + 1, options))
      left = {type: 'Binary', operator: token.op, left, right, start: left.start, end: right.end}
    }
  }

  /** #operand parses the operand after an operator, with PowerShell's message when it is missing. */
  #operand(operator: Token, parse: () => A.ExpressionAst): A.ExpressionAst {
    const next = this.#peek('expression')
    if (next.kind === 'eof' || next.kind === 'newline' || next.kind === 'semicolon' || this.#isOperator(next, ')', '}', ']', '|', ',')) {
      throw this.#error(
        'ExpectedValueExpression',
        `You must provide a value expression following the '${this.#tokenText(operator)}' operator.`,
        operator.start,
        operator.end,
        next.kind === 'eof',
      )
    }
    return parse()
  }

  #sign(options: {comma: boolean}): A.ExpressionAst {
    const token = this.#peek('expression')
    // `-` right before a digit is part of the literal (§2.5): `-1..3` ranges from -1.
    if (this.#isOperator(token, '-', '+') && !(token.op === '-' && /\d/.test(this.#text[token.end] ?? ''))) {
      this.#next('expression')
      const operand = this.#operand(token, () => this.#sign(options))
      return {type: 'Unary', operator: token.op, operand, start: token.start, end: operand.end}
    }
    return this.#format(options)
  }

  #format(options: {comma: boolean}): A.ExpressionAst {
    return this.#leftAssociative('-f', () => this.#range(options))
  }

  #range(options: {comma: boolean}): A.ExpressionAst {
    return this.#leftAssociative('..', () => this.#negation(options))
  }

  /** #leftAssociative reads `operand { op operand }` for one operator of its own precedence level. */
  #leftAssociative(operator: string, operand: () => A.ExpressionAst): A.ExpressionAst {
    let left = operand()
    while (this.#isOperator(this.#peek('expression'), operator)) {
      const token = this.#next('expression')
      this.#skipNewlines()
      const right = this.#operand(token, operand)
      left = {type: 'Binary', operator, left, right, start: left.start, end: right.end}
    }
    return left
  }

  #negation(options: {comma: boolean}): A.ExpressionAst {
    const token = this.#peek('expression')
    if (this.#isOperator(token, '-not', '!', '-bnot')) {
      if (token.op === '-bnot') this.#report("The '-bnot' operator is not supported by csxmpp.", token.start, token.end)
      this.#next('expression')
      const operand = this.#operand(token, () => this.#negation(options))
      return {type: 'Unary', operator: token.op === '!' ? '-not' : token.op, operand, start: token.start, end: operand.end}
    }
    return this.#increment(options)
  }

  #increment(options: {comma: boolean}): A.ExpressionAst {
    const token = this.#peek('expression')
    if (this.#isOperator(token, '++', '--')) {
      this.#next('expression')
      const operand = this.#operand(token, () => this.#postfix(this.#primary()))
      return {type: 'Unary', operator: token.op, operand, start: token.start, end: operand.end}
    }
    const operand = this.#arrayLiteral(options)
    const after = this.#peek('expression')
    if (this.#isOperator(after, '++', '--') && after.start === operand.end) {
      this.#next('expression')
      return {type: 'Unary', operator: `${after.op}post`, operand, start: operand.start, end: after.end}
    }
    return operand
  }

  #arrayLiteral(options: {comma: boolean}): A.ExpressionAst {
    const first = this.#unarySplit()
    if (!options.comma || !this.#isOperator(this.#peek('expression'), ',')) return first
    const elements = [first]
    while (this.#isOperator(this.#peek('expression'), ',')) {
      const comma = this.#next('expression')
      this.#skipNewlines()
      elements.push(this.#operand(comma, () => this.#unarySplit()))
    }
    return {type: 'ArrayLiteral', elements, start: first.start, end: elements.at(-1)!.end}
  }

  #unarySplit(): A.ExpressionAst {
    const token = this.#peek('expression')
    if (this.#isOperator(token, '-split', '-join', ',')) {
      this.#next('expression')
      const operand = this.#operand(token, () => this.#unarySplit())
      if (token.op === ',') return {type: 'ArrayLiteral', elements: [operand], start: token.start, end: operand.end}
      return {type: 'Unary', operator: token.op, operand, start: token.start, end: operand.end}
    }
    return this.#cast()
  }

  #cast(): A.ExpressionAst {
    const token = this.#peek('expression')
    if (!this.#isOperator(token, '[')) return this.#postfix(this.#primary())
    const literal = this.#typeLiteralAt(token.start)
    if (!literal) throw this.#error('MissingTypename', 'Missing type name after \'[\'.', token.start, token.end)
    this.#scanner.reset(literal.end)
    if (this.#text.startsWith('::', literal.end)) {
      return this.#postfix({type: 'TypeExpression', typeName: literal.name, start: literal.start, end: literal.end})
    }
    this.#checkType(literal.name, literal.start, literal.end)
    const next = this.#peek('expression')
    if (this.#startsOperand(next)) {
      const operand = this.#cast()
      return {type: 'Convert', typeName: literal.name, operand, start: literal.start, end: operand.end}
    }
    return this.#postfix({type: 'TypeExpression', typeName: literal.name, start: literal.start, end: literal.end})
  }

  #startsOperand(token: Token): boolean {
    if (token.kind === 'variable' || token.kind === 'number' || token.kind === 'string') return true
    if (token.kind === 'expandable') return !token.bare
    return this.#isOperator(token, '(', '$(', '@(', '@{', '[', '{')
  }

  #checkType(name: string, start: number, end: number): void {
    if (!isAllowedTypeLiteral(name)) this.#report(`The type [${name}] is not supported by csxmpp.`, start, end)
  }

  /** #typeLiteralAt reads `[name]` or `[name[]]` at offset; undefined when the text is not one. */
  #typeLiteralAt(offset: number): {name: string; start: number; end: number} | undefined {
    TYPE_LITERAL.lastIndex = offset
    const match = TYPE_LITERAL.exec(this.#text)
    return match ? {name: match[1]!, start: offset, end: offset + match[0].length} : undefined
  }

  #primary(): A.ExpressionAst {
    const token = this.#next('expression')
    switch (token.kind) {
      case 'number':
        return {type: 'Constant', value: token.value, start: token.start, end: token.end}
      case 'string':
        return {type: 'StringConstant', value: token.value, bare: false, start: token.start, end: token.end}
      case 'expandable':
        if (!token.bare) return this.#expandable(token)
        break
      case 'variable':
        if (!token.splat) return this.#variable(token)
        break
      case 'operator':
        if (['(', '$(', '@(', '@{', '{'].includes(token.op)) return this.#grouping(token)
        if (token.op === '[') {
          this.#scanner.reset(token.start)
          return this.#cast()
        }
        if (token.op === '-' && /\d/.test(this.#text[token.end] ?? '')) {
          const number = this.#next('expression')
          if (number.kind === 'number') return {type: 'Constant', value: -number.value, start: token.start, end: number.end}
        }
    }
    throw this.#unexpected(token)
  }

  /** #grouping reads `( … )`, `$( … )`, `@( … )`, `@{ … }` or `{ … }` after its opening token. */
  #grouping(open: Token & {kind: 'operator'}): A.ExpressionAst {
    switch (open.op) {
      case '(': {
        const pipeline = this.#with(true, () => this.#pipeline())
        const close = this.#expect('expression', ')', 'MissingEndParenthesisInExpression', "Missing closing ')' in expression.")
        return {type: 'Paren', pipeline, start: open.start, end: close.end}
      }
      case '$(':
      case '@(': {
        const statements = this.#statementList(')')
        const close = this.#expect('expression', ')', 'MissingEndParenthesisInSubexpression', "Missing closing ')' in subexpression.")
        return {type: open.op === '$(' ? 'SubExpression' : 'ArrayExpression', statements, start: open.start, end: close.end}
      }
      case '@{':
        return this.#hashtable(open)
      default: {
        const scriptBlock = this.#scriptBlockBody(open)
        return {type: 'ScriptBlockExpression', scriptBlock, start: open.start, end: scriptBlock.end}
      }
    }
  }

  #hashtable(open: Token): A.HashtableAst {
    const pairs: Array<[A.ExpressionAst, A.StatementAst]> = []
    this.#with(false, () => {
      for (;;) {
        this.#skipSeparators()
        const token = this.#peek('expression')
        if (this.#isOperator(token, '}')) break
        if (token.kind === 'eof') throw this.#error('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", open.start, open.end, true)
        const key = this.#hashKey()
        const equals = this.#next('expression')
        if (!this.#isOperator(equals, '=')) {
          throw this.#error('MissingEqualsInHashLiteral', "Missing '=' operator after key in hash literal.", equals.start, equals.end, equals.kind === 'eof')
        }
        this.#skipNewlines()
        pairs.push([key, this.#statement()])
        const after = this.#peek('expression')
        if (after.kind !== 'newline' && after.kind !== 'semicolon' && !this.#isOperator(after, '}')) {
          throw this.#error('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", open.start, open.end, after.kind === 'eof')
        }
      }
    })
    const close = this.#next('expression')
    return {type: 'Hashtable', pairs, start: open.start, end: close.end}
  }

  #hashKey(): A.ExpressionAst {
    const token = this.#peek('expression')
    if (token.kind === 'expandable' && token.bare) {
      this.#next('expression')
      return {type: 'StringConstant', value: this.#tokenText(token), bare: true, start: token.start, end: token.end}
    }
    return this.#unarySplit()
  }

  /** #scriptBlockBody reads `[param(…)] statements }` after `{` (named blocks are refused as keywords, §14). */
  #scriptBlockBody(open: Token): A.ScriptBlockAst {
    const loops = this.#loops
    this.#loops = 0
    try {
      const paramBlock = this.#with(false, () => {
        this.#skipSeparators()
        return this.#paramBlockIfAny()
      })
      const statements = this.#statementList('}')
      const close = this.#next('expression')
      if (!this.#isOperator(close, '}')) {
        throw this.#error('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", open.start, open.end, true)
      }
      return {type: 'ScriptBlock', source: this.source, paramBlock, statements, start: open.start, end: close.end}
    } finally {
      this.#loops = loops
    }
  }

  /** #postfix applies member access, method calls, indexing and static members written without a space (§3). */
  #postfix(target: A.ExpressionAst): A.ExpressionAst {
    let expression = target
    for (;;) {
      const at = this.#scanner.position
      const ch = this.#text[at]
      if (expression.type === 'Variable' && expression.name.endsWith('?') && (ch === '.' || ch === '[')) {
        this.#report(`The '?${ch}' operator (PowerShell 7) is not supported by csxmpp.`, at - 1, at + 1)
      }
      if (ch === '.' && this.#text[at + 1] !== '.') expression = this.#member(expression, at, false)
      else if (ch === ':' && this.#text[at + 1] === ':') expression = this.#member(expression, at + 1, true)
      else if (ch === '[') expression = this.#index(expression, at)
      else return expression
    }
  }

  #member(target: A.ExpressionAst, dot: number, isStatic: boolean): A.ExpressionAst {
    const {name, computed, end: nameEnd} = this.#memberName(dot, isStatic)
    let end = nameEnd
    if (isStatic) {
      if (target.type !== 'TypeExpression') throw this.#error('UnexpectedToken', "Unexpected token '::' in expression or statement.", dot - 1, dot + 1)
      if (!staticMemberKey(target.typeName, name)) this.#report(`The .NET member [${target.typeName}]::${name} is not supported by csxmpp.`, target.start, end)
    }
    this.#scanner.reset(end)
    let args: A.ExpressionAst[] | undefined
    if (this.#text[end] === '(') {
      this.#scanner.reset(end + 1)
      args = this.#with(true, () => {
        const list: A.ExpressionAst[] = []
        while (!this.#isOperator(this.#peek('expression'), ')')) {
          list.push(this.#expression({comma: false}))
          const next = this.#peek('expression')
          if (this.#isOperator(next, ',')) this.#next('expression')
          else if (!this.#isOperator(next, ')')) throw this.#error('MissingEndParenthesisInMethodCall', "Missing closing ')' after expression in method call.", next.start, next.end, next.kind === 'eof')
        }
        return list
      })
      end = this.#next('expression').end
    }
    return {type: 'Member', target, member: name, computed, isStatic, arguments: args, start: target.start, end}
  }

  /**
   * #memberName reads the member name after `.` (§3 member_name): a plain name, or (not after `::`) a
   * quoted string or a computed name: `$x.'msRTCSIP-PrimaryUserAddress'`, `$x.$p`, `$x.(…)`, `$x.$(…)`.
   * A constant string is a name like any other; anything else is evaluated when it runs (§4.5).
   */
  #memberName(dot: number, isStatic: boolean): {name: string; computed?: A.ExpressionAst; end: number} {
    NAME.lastIndex = dot + 1
    const name = NAME.exec(this.#text)?.[0]
    if (name) return {name, end: dot + 1 + name.length}
    const ch = this.#text[dot + 1]
    if (isStatic || !(quoteKind(ch) || ch === '$' || ch === '(')) {
      throw this.#error('MissingPropertyName', "Missing property name after reference operator.", dot, dot + 1, dot + 1 >= this.#text.length)
    }
    this.#scanner.reset(dot + 1)
    const expression = this.#primary()
    if (expression.type === 'StringConstant') return {name: expression.value, end: expression.end}
    return {name: this.#text.slice(expression.start, expression.end), computed: expression, end: expression.end}
  }

  #index(target: A.ExpressionAst, at: number): A.ExpressionAst {
    this.#scanner.reset(at + 1)
    return this.#with(true, () => {
      const next = this.#peek('expression')
      if (this.#isOperator(next, ']')) throw this.#error('MissingArrayIndexExpression', 'Array index expression is missing or not valid.', at, next.end)
      const index = this.#expression({comma: true})
      const close = this.#expect('expression', ']', 'MissingEndSquareBracket', "Missing ']' after array index expression.")
      return {type: 'Index', target, index, start: target.start, end: close.end} as const
    })
  }

  // ---- strings and variables -------------------------------------------------------------------

  #variable(token: Token & {kind: 'variable'}): A.VariableExpressionAst {
    const scope = token.scope
    if (scope !== undefined && !VARIABLE_SCOPES.has(scope)) {
      if (!UNSUPPORTED_VARIABLE_SCOPES.has(scope)) {
        throw this.#error('DriveNotFound', `Cannot find drive. A drive with the name '${scope}' does not exist.`, token.start, token.end)
      }
      this.#report(`The variable '$${scope}:' is not supported by csxmpp.`, token.start, token.end)
    }
    const lower = token.name.toLowerCase()
    if (UNSUPPORTED_VARIABLES.has(lower) && scope === undefined) this.#report(`The variable '$${token.name}' is not supported by csxmpp.`, token.start, token.end)
    if (lower === 'input' && scope === undefined) this.#report(PIPELINE_INPUT_MESSAGE, token.start, token.end)
    if (lower === 'switch' && scope === undefined && this.#switches > 0) this.#report(`The variable '$${token.name}' is not supported by csxmpp.`, token.start, token.end)
    return {type: 'Variable', name: token.name, scope, splat: token.splat, start: token.start, end: token.end}
  }

  #expandable(token: Token & {kind: 'expandable'}): A.ExpressionAst {
    const parts = token.parts.map((part) => this.#stringPart(part))
    if (parts.every((p) => typeof p === 'string')) {
      return {type: 'StringConstant', value: parts.join(''), bare: token.bare, start: token.start, end: token.end}
    }
    return {type: 'ExpandableString', parts, bare: token.bare, start: token.start, end: token.end}
  }

  #stringPart(part: StringPart): string | A.VariableExpressionAst | A.SubExpressionAst {
    if (part.kind === 'text') return part.text
    if (part.kind === 'variable') {
      return this.#variable({kind: 'variable', name: part.name, scope: part.scope, splat: false, start: part.start, end: part.end})
    }
    // `$( … )` inside a string: its statements are parsed from their own source range (§2.6).
    const saved = this.#scanner.position
    this.#scanner.reset(part.start)
    try {
      const statements = this.#statementList(')')
      return {type: 'SubExpression', statements, start: part.start - 2, end: part.end + 1}
    } finally {
      this.#scanner.reset(saved)
    }
  }

  // ---- #Requires -------------------------------------------------------------------------------

  /** #checkRequires accepts the `#Requires` clauses of §2.2 and refuses any other (§14). */
  #checkRequires(): void {
    for (const line of this.#scanner.requires) {
      const clause = line.text.replace(/^#requires\s*/i, '')
      const modules = /^-modules?\s+(.+)$/i.exec(clause)
      if (modules) {
        for (const name of modules[1]!.split(',').map((m) => m.trim().replace(/^["']|["']$/g, ''))) {
          if (!/^(lync|skypeforbusiness)$/i.test(name)) this.#report(importModuleNotSupported(name), line.start, line.end)
        }
        continue
      }
      if (/^-(version\s+[\d.]+|runasadministrator)\s*$/i.test(clause)) continue
      this.#report(`The #Requires clause '${clause}' is not supported by csxmpp.`, line.start, line.end)
    }
  }
}
