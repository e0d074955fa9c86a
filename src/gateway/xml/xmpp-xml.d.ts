/**
 * The part of @xmpp/xml (ltx elements) the gateway uses; the package ships no type declarations.
 * Stanzas are ltx Elements so that the rest of the XMPP ecosystem's helpers apply to them.
 */
declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string>)
    name: string
    attrs: Record<string, string>
    children: Array<Element | string>
    parent: Element | null
    /** is tells whether the element has this local name and (resolved) namespace. */
    is(name: string, xmlns?: string): boolean
    getNS(): string | undefined
    getName(): string
    getChild(name: string, xmlns?: string): Element | undefined
    getChildren(name: string, xmlns?: string): Element[]
    getText(): string
    /** getChildText is the text of the first child with this name, or null when there is none. */
    getChildText(name: string, xmlns?: string): string | null
    c(name: string, attrs?: Record<string, string>): Element
    t(text: string): Element
    cnode(child: Element): Element
    up(): Element
    root(): Element
    toString(): string
  }
  /** xml builds an element: xml('message', {to}, xml('body', {}, 'hi')). */
  export function xml(name: string, attrs?: Record<string, string> | null, ...children: Array<Element | string>): Element
  /** escapeXML escapes text for an attribute value: & < > " '. */
  export function escapeXML(text: string): string
  export default xml
}
