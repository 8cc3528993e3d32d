/** Small reads of a parsed WordprocessingML part (htmlparser2's tree), shared by the DOCX writer's XML passes. */
import { type Element, hasChildren, isTag, type AnyNode as Node } from 'domhandler';

export const isElement = (n: Node): n is Element => isTag(n);

/** The elements directly under a node. */
export const childElements = (n: Node): Element[] => (hasChildren(n) ? n.children.filter(isElement) : []);

/** The first element named `name` directly under a node. */
export const firstChild = (n: Node, name: string): Element | undefined => childElements(n).find((c) => c.name === name);

/** Attributes as written in a start tag, each after a space (values as the parser read them: still escaped). */
export const attributeText = (attributes: Record<string, string>): string =>
  Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
