// Types of startup-path.mjs (plain JavaScript, so that scripts/bundle.mjs runs without tsx).
import type {Metafile} from 'esbuild'

export declare const LAZY_ONLY: ReadonlyArray<{pattern: RegExp; why: string}>
export declare const LAZY_BUILTINS: ReadonlyArray<{name: string; why: string}>
export declare const STARTUP_BUDGET: number
export declare function startupFiles(metafile: Metafile, entry: string): string[]
export declare function startupProblems(metafile: Metafile, entry: string): string[]
