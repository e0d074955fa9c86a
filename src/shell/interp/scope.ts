import type {ScriptBlockAst} from '../ast.js'
import type {TypeKey} from '../types.js'

/**
 * Variable scopes (powershell.md §4.4): one script scope per script file run, a child scope per
 * function call or `& { }`, dynamic lookup through the parents. Names are case-insensitive.
 */

/** Variable is one variable; a type constraint (`[int]$n = …`) converts every later assignment. */
export interface Variable {
  name: string
  value: unknown
  constraint?: TypeKey
  readOnly?: boolean
}

/** FunctionInfo is a function defined in a scope. */
export interface FunctionInfo {
  readonly name: string
  readonly body: ScriptBlockAst
  readonly inlineParameters: ScriptBlockAst['paramBlock']
}

/** Scope is one level of the scope chain. */
export class Scope {
  readonly #variables = new Map<string, Variable>()
  readonly #functions = new Map<string, FunctionInfo>()

  constructor(
    readonly parent: Scope | undefined,
    /** The script scope this scope belongs to ($script:). */
    scriptScope?: Scope,
  ) {
    this.script = scriptScope ?? this
  }

  readonly script: Scope

  /** lookup finds a variable here or in a parent. */
  lookup(name: string): Variable | undefined {
    return this.lookupKey(name.toLowerCase())
  }

  /** lookupKey is lookup for a name already in lower case (the preference variables, read per command). */
  lookupKey(key: string): Variable | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.#variables.get(key)
      if (found) return found
    }
    return undefined
  }

  /** local finds a variable of this scope only. */
  local(name: string): Variable | undefined {
    return this.#variables.get(name.toLowerCase())
  }

  /** define creates or replaces a variable of this scope. */
  define(variable: Variable): Variable {
    this.#variables.set(variable.name.toLowerCase(), variable)
    return variable
  }

  /** remove deletes a variable of this scope (a switch restores an absent `$_` so, §6). */
  remove(name: string): void {
    this.#variables.delete(name.toLowerCase())
  }

  /** variableNames lists the names visible from here, for completion. */
  variableNames(): string[] {
    const names = new Set<string>()
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) for (const v of scope.#variables.values()) names.add(v.name)
    return [...names]
  }

  defineFunction(info: FunctionInfo): void {
    this.#functions.set(info.name.toLowerCase(), info)
  }

  findFunction(name: string): FunctionInfo | undefined {
    const key = name.toLowerCase()
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.#functions.get(key)
      if (found) return found
    }
    return undefined
  }

  functionNames(): string[] {
    const names = new Set<string>()
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) for (const f of scope.#functions.values()) names.add(f.name)
    return [...names]
  }
}
