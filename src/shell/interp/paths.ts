import path from 'node:path'

/** scriptPath turns a path as written into a file path: `\` is a separator and `~` the home directory (§6, §9 Paths). */
export function scriptPath(name: string): string {
  const normal = name.replaceAll('\\', '/')
  if (normal === '~' || normal.startsWith('~/')) return path.join(process.env.HOME ?? '', normal.slice(1))
  return path.resolve(normal)
}
