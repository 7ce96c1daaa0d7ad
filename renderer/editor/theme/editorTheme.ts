import type { EditorThemeClasses } from 'lexical';

/** Lexical node type → class names. The rules live in theme/editor.css; every class is `signet-`-prefixed. */
export const editorTheme: EditorThemeClasses = {
  root: 'signet-content',
  paragraph: 'signet-paragraph',
  heading: {
    // H1 is the post title, rendered by the parent; a pasted H1 is demoted (ContentRulesPlugin).
    h1: 'signet-heading signet-heading--h2',
    h2: 'signet-heading signet-heading--h2',
    h3: 'signet-heading signet-heading--h3',
    h4: 'signet-heading signet-heading--h4',
    h5: 'signet-heading signet-heading--h4',
    h6: 'signet-heading signet-heading--h4',
  },
  quote: 'signet-quote',
  code: 'signet-code-block',
  hr: 'signet-hr',
  hrSelected: 'is-selected',
  image: 'signet-image',
  readMore: 'signet-read-more',
  snippet: 'signet-snippet',
  embed: 'signet-embed',
  link: 'signet-link',
  indent: 'signet-indent',
  list: {
    ul: 'signet-list signet-list--ul',
    ol: 'signet-list signet-list--ol',
    listitem: 'signet-list__item',
    // Lexical nests a list inside its own list item; that item must not show a bullet.
    nested: {
      listitem: 'signet-list__item--nested',
    },
  },
  table: 'signet-table',
  tableRow: 'signet-table__row',
  tableCell: 'signet-table__cell',
  tableCellHeader: 'signet-table__cell--header',
  tableSelection: 'signet-table--selecting',
  tableCellSelected: 'signet-table__cell--selected',
  tableScrollableWrapper: 'signet-table-scroll',
  text: {
    bold: 'signet-text--bold',
    italic: 'signet-text--italic',
    underline: 'signet-text--underline',
    strikethrough: 'signet-text--strikethrough',
    underlineStrikethrough: 'signet-text--underline-strikethrough',
    code: 'signet-text--code',
    subscript: 'signet-text--subscript',
    superscript: 'signet-text--superscript',
    highlight: 'signet-text--highlight',
  },
};
