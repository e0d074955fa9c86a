import {freshStore} from './defaults.js'
import {StoreInvalidError} from './errors.js'
import {type StoreFileImage, imageOf, reread} from './file-image.js'
import {parseStoreBytes, readStoreBytes} from './store.js'
import type {StoreDocument} from './types.js'
import {validateRereadDocument} from './validate.js'

/** StoreRead is a valid store document and the image of the file it came from (none for a missing file). */
export interface StoreRead {
  readonly document: StoreDocument
  readonly image: StoreFileImage | undefined
}

/**
 * readStoreIncrementally reads the store file as ConfigStore.read does, but against the previous
 * file's image and document when there are some: only the members whose bytes changed are parsed
 * and schema-checked (file-image.ts). When the image cannot be used, the file is read in full and a
 * new image is taken. An invalid file is StoreInvalidError either way, with the same problem.
 */
export async function readStoreIncrementally(path: string, previous: {image: StoreFileImage; document: object} | undefined): Promise<StoreRead> {
  const bytes = await readStoreBytes(path)
  if (!bytes) return {document: freshStore(), image: undefined}
  const again = previous && reread(bytes, previous.image, previous.document)
  if (!again) return {document: parseStoreBytes(path, bytes), image: imageOf(bytes)}
  const problem = validateRereadDocument(again.document, again.changed)
  if (problem) throw new StoreInvalidError(path, problem.jsonPath, problem.problem)
  return {document: again.document as unknown as StoreDocument, image: again.image}
}
