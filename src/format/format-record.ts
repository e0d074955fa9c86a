/**
 * What Format-Table and Format-List output (powershell.md §10.2): a formatting record that only
 * Out-Default, Out-String and Out-File can render. The cmdlets compute the cells (calculated
 * properties need the interpreter); the formatter lays them out.
 */

/** FormatColumn is one column of a Format-Table record, or one label of a Format-List record. */
export interface FormatColumn {
  readonly label: string
  /** A fixed width (a calculated property's Width key). */
  readonly width?: number
  readonly alignment?: 'Left' | 'Right' | 'Center'
}

/** FormatRecord is the output of one Format-Table or Format-List invocation. */
export class FormatRecord {
  constructor(
    readonly view: 'table' | 'list',
    readonly columns: readonly FormatColumn[],
    /** One row per input object, one cell per column. */
    readonly rows: ReadonlyArray<readonly unknown[]>,
  ) {}
}

/** FORMAT_RECORD_MISUSE is PowerShell's error for formatting records sent anywhere but Out-* (§10.2). */
export const FORMAT_RECORD_MISUSE =
  'The object of type "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData" is not valid or not in the correct sequence. ' +
  'This is likely caused by a user-specified "format-*" command which is conflicting with the default formatting.'
