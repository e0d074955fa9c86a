import type {ErrorRecord} from '../errors.js'
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
} from './unsupported.js'

/**
 * The recursive-descent parser of the PowerShell subset: one method per production of
 * powershell.md §3, driving the mode-aware Scanner (mvdan/sh style). The first error found in
 * source order is thrown as a ParserError record, and nothing runs (§3). Constructs outside the
 * subset that the parser can see are reported here, by name and position (§14).
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
const REDIRECTIONS = new Set(['>', '>>', '2>', '2>>', '2>&1'])
const KNOWN_ATTRIBUTES = new Set([
  'cmdletbinding', 'parameter', 'alias', 'validateset', 'validatenotnullorempty', 'validaterange', 'validatepattern',
  'validatenotnull', 'validatelength', 'allownull', 'allowemptystring', 'outputtype',
])
const TYPE_LITERAL = /\[[ \t]*([\p{L}_][\p{L}\p{Nd}_.`]*(?:\[\])?)[ \t]*\]/uy
const NAME = /[\p{L}_][\p{L}\p{Nd}_]*/uy

type Mode = 'expression' | 'argument'

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

class Parser {
  readonly #scanner: Scanner
  readonly #text: string
  /** Inside `( )`, `[ ]` and argument lists newlines are whitespace (§2.3); a stack of that flag. */
  readonly #newlinesAreSpace: boolean[] = [false]
  /** Loop nesting, for break/continue outside a loop (§6); reset in every script block. */
  #loops = 0

  constructor(readonly source: SourceText) {
    this.#scanner = new Scanner(source)
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
    return {type: 'ScriptBlock', source: this.source, paramBlock, statements, start: 0, end: this.#text.length}
  }

  /** #statementList reads statements until the terminator (`)`, `}` or end of input), which it leaves. */
  #statementList(terminator: ')' | '}' | 'eof'): A.StatementAst[] {
    const statements: A.StatementAst[] = []
    this.#with(false, () => {
      for (;;) {
        this.#skipSeparators()
        const token = this.#peek('expression')
        if (this.#ends(token, terminator)) return
        statements.push(this.#statement())
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
      if (unsupported) throw this.#notSupported(unsupported, token.start, token.end)
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

  /** #followedBy tells whether, after whitespace, the text at offset starts with text. */
  #followedBy(offset: number, text: string): boolean {
    let i = offset
    while (this.#text[i] === ' ' || this.#text[i] === '\t') i++
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
      if (!isCatchType(literal.name)) {
        throw this.#notSupported(`The catch type [${literal.name}] is not supported by csxmpp.`, literal.start, literal.end)
      }
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
    if (this.#loops === 0) throw this.#notSupported(`${word} outside a loop is not supported by csxmpp.`, token.start, token.end)
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
    if (!KNOWN_ATTRIBUTES.has(name.toLowerCase())) {
      throw this.#notSupported(`The attribute [${name}] is not supported by csxmpp.`, open.start, open.end + name.length)
    }
    this.#scanner.reset(open.end + name.length + 1)
    const positional: A.ExpressionAst[] = []
    const named: Array<[string, A.ExpressionAst]> = []
    this.#with(true, () => {
      while (!this.#isOperator(this.#peek('expression'), ')')) {
        const token = this.#peek('expression')
        const key = this.#word(token)
        if (key !== undefined && /^[\p{L}_]/u.test(key)) {
          this.#next('expression')
          if (/^valuefrompipeline/.test(key)) throw this.#notSupported(PIPELINE_INPUT_MESSAGE, token.start, token.end)
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
    if (target.type === 'ArrayLiteral') throw this.#notSupported('Multiple assignment is not supported by csxmpp.', target.start, operator.end)
    if (!this.#isAssignable(target)) {
      throw this.#error('InvalidLeftHandSide', 'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.', target.start, target.end)
    }
    this.#next('expression')
    this.#skipNewlines()
    const word = this.#word(this.#peek('expression'))
    const value: A.StatementAst = word === 'if' ? this.#if() : word === 'foreach' ? this.#foreach() : this.#pipeline()
    return {type: 'Assignment', target, operator: operator.op, value, start: target.start, end: value.end}
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
      if (this.#isOperator(token, '&&', '||')) throw this.#unexpected(token)
      if (this.#isOperator(token, '&')) throw this.#notSupported("The '&' operator (PowerShell 7) is not supported by csxmpp.", token.start, token.end)
      if (token.kind === 'operator' && REDIRECTIONS.has(token.op)) {
        redirections.push(this.#redirection())
        continue
      }
      this.#checkRedirection(token)
      if (token.kind === 'parameter') {
        this.#next('argument')
        const argument = token.colon ? this.#argumentList() : undefined
        elements.push({type: 'CommandParameter', name: token.name, argument, start: token.start, end: argument?.end ?? token.end})
        continue
      }
      if (this.#tokenText(token) === '--%') throw this.#notSupported('The stop-parsing token (--%) is not supported by csxmpp.', token.start, token.end)
      elements.push(this.#argumentList())
    }
    const end = Math.max(first.end, ...elements.map((e) => e.end))
    return {type: 'Command', name, invocation, elements, redirections, start: first.start, end}
  }

  /** #checkRedirection refuses the stream redirections outside the subset (§14): `3>`…`6>`, `*>`, `<`. */
  #checkRedirection(token: Token): void {
    const text = this.#tokenText(token)
    const next = this.#text[token.end]
    if ((/^[3-6*]$/.test(text) && (next === '>')) || text.startsWith('<')) {
      const shown = text.startsWith('<') ? '<' : `${text}>`
      throw this.#notSupported(`The redirection '${shown}' is not supported by csxmpp.`, token.start, token.end + (shown.length - text.length))
    }
  }

  #redirections(mode: Mode): A.RedirectionAst[] {
    const redirections: A.RedirectionAst[] = []
    for (;;) {
      const token = this.#peek(mode)
      this.#checkRedirection(token)
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
    return this.#binary(0, options)
  }

  /** Binary levels from loosest to tightest (§3 notes on precedence). */
  static readonly #levels: ReadonlyArray<(op: string) => boolean> = [
    (op) => LOGICAL_OPERATORS.has(op),
    (op) => COMPARISON.test(op),
    (op) => op === '+' || op === '-',
    (op) => op === '*' || op === '/' || op === '%',
  ]

  #binary(level: number, options: {comma: boolean}): A.ExpressionAst {
    if (level === Parser.#levels.length) return this.#sign(options)
    let left = this.#binary(level + 1, options)
    for (;;) {
      const token = this.#peek('expression')
      if (token.kind !== 'operator') return left
      if (BITWISE.has(token.op)) throw this.#unexpected(token)
      if (!Parser.#levels[level]!(token.op)) return left
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
    if (this.#isOperator(token, '-not', '!')) {
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
    if (this.#isOperator(token, '-bnot')) throw this.#unexpected(token)
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
    if (!isAllowedTypeLiteral(name)) throw this.#notSupported(`The type [${name}] is not supported by csxmpp.`, start, end)
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
        throw this.#notSupported(`The '?${ch}' operator (PowerShell 7) is not supported by csxmpp.`, at - 1, at + 1)
      }
      if (ch === '.' && this.#text[at + 1] !== '.') expression = this.#member(expression, at, false)
      else if (ch === ':' && this.#text[at + 1] === ':') expression = this.#member(expression, at + 1, true)
      else if (ch === '[') expression = this.#index(expression, at)
      else return expression
    }
  }

  #member(target: A.ExpressionAst, dot: number, isStatic: boolean): A.ExpressionAst {
    NAME.lastIndex = dot + 1
    const name = NAME.exec(this.#text)?.[0]
    if (!name) throw this.#error('MissingPropertyName', "Missing property name after reference operator.", dot, dot + 1, dot + 1 >= this.#text.length)
    let end = dot + 1 + name.length
    if (isStatic) {
      if (target.type !== 'TypeExpression') throw this.#error('UnexpectedToken', "Unexpected token '::' in expression or statement.", dot - 1, dot + 1)
      if (!staticMemberKey(target.typeName, name)) {
        throw this.#notSupported(`The .NET member [${target.typeName}]::${name} is not supported by csxmpp.`, target.start, end)
      }
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
    return {type: 'Member', target, member: name, isStatic, arguments: args, start: target.start, end}
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
      if (UNSUPPORTED_VARIABLE_SCOPES.has(scope)) {
        throw this.#notSupported(`The variable '$${scope}:' is not supported by csxmpp.`, token.start, token.end)
      }
      throw this.#error('DriveNotFound', `Cannot find drive. A drive with the name '${scope}' does not exist.`, token.start, token.end)
    }
    const lower = token.name.toLowerCase()
    if (UNSUPPORTED_VARIABLES.has(lower) && scope === undefined) {
      throw this.#notSupported(`The variable '$${token.name}' is not supported by csxmpp.`, token.start, token.end)
    }
    if (lower === 'input' && scope === undefined) throw this.#notSupported(PIPELINE_INPUT_MESSAGE, token.start, token.end)
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
          if (!/^(lync|skypeforbusiness)$/i.test(name)) {
            throw this.#notSupported(
              `Import-Module ${name} is not supported by csxmpp; only the Lync and SkypeForBusiness modules are known, and they need no import.`,
              line.start,
              line.end,
            )
          }
        }
        continue
      }
      if (/^-(version\s+[\d.]+|runasadministrator)\s*$/i.test(clause)) continue
      throw this.#notSupported(`The #Requires clause '${clause}' is not supported by csxmpp.`, line.start, line.end)
    }
  }
}
