// Types of startup-path.mjs (plain JavaScript, so that scripts/bundle.mjs runs without tsx).
import type {Metafile} from 'esbuild'

interface Rule {
  readonly pattern: RegExp
  readonly why: string
}

/** StartupPath is one start-up path and its rules. */
export interface StartupPath {
  readonly name: string
  readonly entries: readonly string[]
  readonly budget: number
  readonly lazyOnly: readonly Rule[]
}

export declare const LAZY_ONLY: readonly Rule[]
export declare const LAZY_BUILTINS: ReadonlyArray<{name: string; why: string}>
export declare const STARTUP_PATHS: readonly StartupPath[]
export declare function pathFiles(metafile: Metafile, entries: readonly string[]): string[]
export declare function pathProblems(metafile: Metafile, path: StartupPath): string[]
export declare function startupProblems(metafile: Metafile): string[]
