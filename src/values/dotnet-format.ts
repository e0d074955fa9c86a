// TEMPORARY stub written by the lead so the interpreter can be smoke-tested; the helper writing
// the format operator replaces this whole file (its brief owns src/values/dotnet-format.ts).
import {toPSString} from './convert.js'

export function formatOperator(format: string, args: readonly unknown[]): string {
  return format.replace(/\{(\d+)\}/g, (_, i: string) => toPSString(args[Number(i)] ?? null))
}

export function formatDateTime(date: Date, format: string): string {
  return `${date.toISOString()} ${format}`
}

export function parseDateTime(text: string): Date | undefined {
  const d = new Date(text)
  return Number.isNaN(d.getTime()) ? undefined : d
}
