import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CODE,
  type ElementTransformer,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  type Transformer,
  UNORDERED_LIST,
} from '@lexical/markdown';
import {
  $createHorizontalRuleNode,
  $isHorizontalRuleNode,
  HorizontalRuleNode,
} from '@lexical/react/LexicalHorizontalRuleNode';
import { $createHeadingNode, $isHeadingNode, $isQuoteNode, HeadingNode } from '@lexical/rich-text';

/** The deepest heading Signet offers; H1 is the post title, so `#` maps to H2 as well. */
const MIN_LEVEL = 2;
const MAX_LEVEL = 4;

/**
 * `#`–`####` at the start of a block. Lexical's own HEADING transformer would make `# ` an H1,
 * which Signet does not allow inside the body.
 */
export const HEADING: ElementTransformer = {
  dependencies: [HeadingNode],
  export: (node, exportChildren) => {
    if (!$isHeadingNode(node)) return null;
    const level = Math.min(Math.max(Number(node.getTag().slice(1)), MIN_LEVEL), MAX_LEVEL);
    return `${'#'.repeat(level)} ${exportChildren(node)}`;
  },
  regExp: /^(#{1,4})\s/,
  replace: (parentNode, children, match, isImport) => {
    // A quote holds inline content only; turning its line into a heading would drop the quote.
    if (!isImport && $isQuoteNode(parentNode)) return false;
    const level = Math.min(Math.max(match[1]?.length ?? MIN_LEVEL, MIN_LEVEL), MAX_LEVEL);
    const heading = $createHeadingNode(`h${level}` as 'h2' | 'h3' | 'h4');
    heading.append(...children);
    parentNode.replace(heading);
    if (!isImport) heading.select(0, 0);
  },
  triggerOnEnter: true,
  type: 'element',
};

/** `---`, `***` or `___` alone on a line becomes a horizontal rule (on space or Enter). */
export const HORIZONTAL_RULE: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  export: (node) => ($isHorizontalRuleNode(node) ? '---' : null),
  regExp: /^(---|\*\*\*|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const rule = $createHorizontalRuleNode();
    // Keep the (now empty) line after the rule when it is the last block, so there is somewhere
    // to keep typing.
    if (isImport || parentNode.getNextSibling() !== null) parentNode.replace(rule);
    else parentNode.insertBefore(rule);
    if (!isImport) rule.selectNext();
  },
  triggerOnEnter: true,
  type: 'element',
};

/**
 * The Markdown shortcuts Signet supports, matching the nodes in editorNodes. Order matters:
 * block rules first, then code (so nothing formats inside backticks), then longer tags before
 * shorter ones (`**` before `*`).
 */
export const SIGNET_TRANSFORMERS: Transformer[] = [
  HEADING,
  QUOTE,
  HORIZONTAL_RULE,
  UNORDERED_LIST,
  ORDERED_LIST,
  CODE,
  INLINE_CODE,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  LINK,
];
