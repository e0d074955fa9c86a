import type {SourceText} from './source.js'

/**
 * The syntax tree of the PowerShell subset. Node names follow PowerShell's own language model
 * (System.Management.Automation.Language: PipelineAst, CommandAst, …). Every node records its
 * UTF-16 source range; the SourceText lives on the enclosing ScriptBlockAst.
 */

interface Span {
  readonly start: number
  readonly end: number
}

/** AttributeAst is `[Name(positional, Named = value)]` of a param block or parameter. */
export interface AttributeAst extends Span {
  readonly type: 'Attribute'
  readonly name: string
  readonly positional: readonly ExpressionAst[]
  readonly named: ReadonlyArray<readonly [string, ExpressionAst]>
}

/** TypeConstraintAst is `[string]` in front of a parameter. */
export interface TypeConstraintAst extends Span {
  readonly type: 'TypeConstraint'
  readonly typeName: string
}

/** ParameterAst is one parameter of a param block or function. */
export interface ParameterAst extends Span {
  readonly type: 'Parameter'
  readonly name: string
  readonly attributes: ReadonlyArray<AttributeAst | TypeConstraintAst>
  readonly defaultValue?: ExpressionAst
}

/** ParamBlockAst is `[CmdletBinding()] param(…)`. */
export interface ParamBlockAst extends Span {
  readonly type: 'ParamBlock'
  readonly attributes: readonly AttributeAst[]
  readonly parameters: readonly ParameterAst[]
}

/** ScriptBlockAst is a script, a function body or a `{ … }` literal. */
export interface ScriptBlockAst extends Span {
  readonly type: 'ScriptBlock'
  readonly source: SourceText
  readonly paramBlock?: ParamBlockAst
  readonly statements: readonly StatementAst[]
  /** On a whole script only: the constructs outside the subset that the parser saw (§14.1). */
  readonly findings?: readonly UnsupportedFinding[]
}

/** UnsupportedFinding is a construct outside the subset that the parser saw: its message and extent (§14.1). */
export interface UnsupportedFinding extends Span {
  readonly message: string
}

/**
 * UnsupportedStatementAst is a statement outside the subset (`class`, `do`, `trap`, `data`, …), parsed
 * over its balanced braces; its body is not kept, because it is not searched for findings (§14.1).
 */
export interface UnsupportedStatementAst extends Span {
  readonly type: 'UnsupportedStatement'
}

export interface StatementBlockAst extends Span {
  readonly type: 'StatementBlock'
  readonly statements: readonly StatementAst[]
}

export interface IfStatementAst extends Span {
  readonly type: 'If'
  readonly clauses: ReadonlyArray<{readonly condition: PipelineBaseAst; readonly body: StatementBlockAst}>
  readonly elseBody?: StatementBlockAst
}

export interface ForEachStatementAst extends Span {
  readonly type: 'ForEach'
  readonly variable: VariableExpressionAst
  readonly collection: PipelineBaseAst
  readonly body: StatementBlockAst
}

export interface ForStatementAst extends Span {
  readonly type: 'For'
  readonly initializer?: PipelineBaseAst
  readonly condition?: PipelineBaseAst
  readonly iterator?: PipelineBaseAst
  readonly body: StatementBlockAst
}

export interface WhileStatementAst extends Span {
  readonly type: 'While'
  readonly condition: PipelineBaseAst
  readonly body: StatementBlockAst
}

/** SwitchClauseAst is `condition { … }` of a switch; a `default` clause has no condition. */
export interface SwitchClauseAst extends Span {
  readonly type: 'SwitchClause'
  readonly condition?: ExpressionAst
  readonly body: StatementBlockAst
}

/** SwitchFlagAst is a flag outside the subset (`-File`, `-Parallel`), kept for the check before running (§14). */
export interface SwitchFlagAst extends Span {
  readonly type: 'SwitchFlag'
  /** `file` or `parallel`. */
  readonly flag: string
}

/** SwitchStatementAst is `switch -flags (pipeline) { clauses }` (powershell.md §6). */
export interface SwitchStatementAst extends Span {
  readonly type: 'Switch'
  /** How conditions compare: the last of -Regex, -Wildcard and -Exact wins. */
  readonly mode: 'exact' | 'wildcard' | 'regex'
  readonly caseSensitive: boolean
  /** The input; for `-File` (outside the subset) the file name. */
  readonly input: PipelineBaseAst | ExpressionAst
  readonly clauses: readonly SwitchClauseAst[]
  readonly unsupportedFlags: readonly SwitchFlagAst[]
}

export interface CatchClauseAst extends Span {
  readonly type: 'CatchClause'
  /** Empty catches everything; otherwise the whitelisted exception types (§8.2). */
  readonly catchTypes: readonly string[]
  readonly body: StatementBlockAst
}

export interface TryStatementAst extends Span {
  readonly type: 'Try'
  readonly body: StatementBlockAst
  readonly catches: readonly CatchClauseAst[]
  readonly finally?: StatementBlockAst
}

export interface FunctionDefinitionAst extends Span {
  readonly type: 'FunctionDefinition'
  readonly name: string
  readonly body: ScriptBlockAst
  /** `function f($a, $b)`: the inline parameters, when there is no param block. */
  readonly parameters: readonly ParameterAst[]
}

/** BreakStatementAst and ContinueStatementAst leave or restart the innermost loop. */
export interface FlowStatementAst extends Span {
  readonly type: 'Break' | 'Continue'
}

/** ReturnStatementAst, ExitStatementAst and ThrowStatementAst carry an optional pipeline. */
export interface ValueStatementAst extends Span {
  readonly type: 'Return' | 'Exit' | 'Throw'
  readonly pipeline?: PipelineBaseAst
}

export interface AssignmentStatementAst extends Span {
  readonly type: 'Assignment'
  readonly target: ExpressionAst
  /** `=`, `+=`, `-=`, `*=`, `/=`, `%=`. */
  readonly operator: string
  readonly value: StatementAst
}

/** RedirectionAst is `> file`, `>> file`, `2> file`, `2>> file` or `2>&1` (§6). */
export interface RedirectionAst extends Span {
  readonly type: 'Redirection'
  readonly stream: 'output' | 'error'
  readonly append: boolean
  /** Undefined for `2>&1`. */
  readonly target?: ExpressionAst
}

export interface CommandParameterAst extends Span {
  readonly type: 'CommandParameter'
  /** The name as typed, without the dash and colon. */
  readonly name: string
  /** `-Name:value`. */
  readonly argument?: ExpressionAst
}

/** CommandAst is one command of a pipeline: its name (or `&`/`.` with an expression) and its elements. */
export interface CommandAst extends Span {
  readonly type: 'Command'
  /** The literal command name, or an expression after `&`/`.`. */
  readonly name: string | ExpressionAst
  readonly invocation: 'name' | 'call' | 'dot'
  readonly elements: ReadonlyArray<CommandParameterAst | ExpressionAst>
  readonly redirections: readonly RedirectionAst[]
}

/** CommandExpressionAst is an expression as a pipeline element (only the first). */
export interface CommandExpressionAst extends Span {
  readonly type: 'CommandExpression'
  readonly expression: ExpressionAst
  readonly redirections: readonly RedirectionAst[]
}

export interface PipelineAst extends Span {
  readonly type: 'Pipeline'
  readonly elements: ReadonlyArray<CommandAst | CommandExpressionAst>
}

/** PipelineBaseAst is what may stand where a pipeline is expected. */
export type PipelineBaseAst = PipelineAst | AssignmentStatementAst

export type StatementAst =
  | PipelineAst
  | AssignmentStatementAst
  | IfStatementAst
  | ForEachStatementAst
  | ForStatementAst
  | WhileStatementAst
  | SwitchStatementAst
  | TryStatementAst
  | FunctionDefinitionAst
  | FlowStatementAst
  | ValueStatementAst
  | UnsupportedStatementAst

export interface ConstantExpressionAst extends Span {
  readonly type: 'Constant'
  readonly value: number
}

export interface StringConstantExpressionAst extends Span {
  readonly type: 'StringConstant'
  readonly value: string
  /** A bare word of argument mode (a command argument, not a quoted string). */
  readonly bare: boolean
}

export interface VariableExpressionAst extends Span {
  readonly type: 'Variable'
  readonly name: string
  /** `script`, `global`, `local`, `env`, or undefined. */
  readonly scope: string | undefined
  readonly splat: boolean
}

export interface ExpandableStringExpressionAst extends Span {
  readonly type: 'ExpandableString'
  readonly parts: ReadonlyArray<string | VariableExpressionAst | SubExpressionAst>
  readonly bare: boolean
}

export interface SubExpressionAst extends Span {
  readonly type: 'SubExpression'
  readonly statements: readonly StatementAst[]
}

export interface ArrayExpressionAst extends Span {
  readonly type: 'ArrayExpression'
  readonly statements: readonly StatementAst[]
}

export interface ParenExpressionAst extends Span {
  readonly type: 'Paren'
  readonly pipeline: PipelineBaseAst
}

export interface ArrayLiteralAst extends Span {
  readonly type: 'ArrayLiteral'
  readonly elements: readonly ExpressionAst[]
}

export interface HashtableAst extends Span {
  readonly type: 'Hashtable'
  readonly pairs: ReadonlyArray<readonly [ExpressionAst, StatementAst]>
}

export interface ScriptBlockExpressionAst extends Span {
  readonly type: 'ScriptBlockExpression'
  readonly scriptBlock: ScriptBlockAst
}

export interface TypeExpressionAst extends Span {
  readonly type: 'TypeExpression'
  readonly typeName: string
}

export interface ConvertExpressionAst extends Span {
  readonly type: 'Convert'
  readonly typeName: string
  readonly operand: ExpressionAst
}

export interface BinaryExpressionAst extends Span {
  readonly type: 'Binary'
  /** Lower case: `+`, `-eq`, `-ceq`, `..`, `-f`, `-and`, … */
  readonly operator: string
  readonly left: ExpressionAst
  readonly right: ExpressionAst
}

export interface UnaryExpressionAst extends Span {
  readonly type: 'Unary'
  /** `-not`, `!`, `-`, `+`, `-split`, `-join`, `++`, `--` (prefix), `++post`, `--post`. */
  readonly operator: string
  readonly operand: ExpressionAst
}

export interface MemberExpressionAst extends Span {
  readonly type: 'Member'
  readonly target: ExpressionAst
  /** The name as written; for a computed name, its source text. */
  readonly member: string
  /** A computed name (`$u.$attr`, `$u."$p-Name"`, `$u.('a' + 'b')`), evaluated to its string form (§4.5). */
  readonly computed?: ExpressionAst
  readonly isStatic: boolean
  /** Set for a method call `.Name(args)`. */
  readonly arguments?: readonly ExpressionAst[]
}

export interface IndexExpressionAst extends Span {
  readonly type: 'Index'
  readonly target: ExpressionAst
  readonly index: ExpressionAst
}

export type ExpressionAst =
  | ConstantExpressionAst
  | StringConstantExpressionAst
  | VariableExpressionAst
  | ExpandableStringExpressionAst
  | SubExpressionAst
  | ArrayExpressionAst
  | ParenExpressionAst
  | ArrayLiteralAst
  | HashtableAst
  | ScriptBlockExpressionAst
  | TypeExpressionAst
  | ConvertExpressionAst
  | BinaryExpressionAst
  | UnaryExpressionAst
  | MemberExpressionAst
  | IndexExpressionAst
