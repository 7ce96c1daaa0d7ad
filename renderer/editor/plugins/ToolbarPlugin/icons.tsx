import type { JSX, ReactNode } from 'react';

// Small stroke icons drawn for Signet (24×24 grid, currentColor), so the toolbar follows the theme's
// text colour and needs no icon font or external asset.
function Icon({ children }: { children: ReactNode }): JSX.Element {
  return (
    <svg
      className="signet-toolbar__icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const UndoIcon = () => (
  <Icon>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Icon>
);
export const LinkIcon = () => (
  <Icon>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
);
export const BulletListIcon = () => (
  <Icon>
    <circle cx="5" cy="7" r="1" fill="currentColor" />
    <circle cx="5" cy="12" r="1" fill="currentColor" />
    <circle cx="5" cy="17" r="1" fill="currentColor" />
    <path d="M9 7h11M9 12h11M9 17h11" />
  </Icon>
);
export const NumberedListIcon = () => (
  <Icon>
    <path d="M4 5h1.5v4M4 9h3M4 14h3l-3 4h3" strokeWidth="1.4" />
    <path d="M10 7h10M10 12h10M10 17h10" />
  </Icon>
);
export const QuoteIcon = () => (
  <Icon>
    <path d="M5 6v12" strokeWidth="2.4" />
    <path d="M10 8h9M10 12h9M10 16h6" />
  </Icon>
);
export const CodeBlockIcon = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="m9 10-2 2 2 2M15 10l2 2-2 2" />
  </Icon>
);
export const InlineCodeIcon = () => (
  <Icon>
    <path d="m8 8-4 4 4 4M16 8l4 4-4 4" />
  </Icon>
);
export const TableIcon = () => (
  <Icon>
    <rect x="3" y="5" width="18" height="14" rx="1.5" />
    <path d="M3 10h18M3 14.5h18M9 5v14M15 5v14" />
  </Icon>
);
export const RuleIcon = () => (
  <Icon>
    <path d="M3 12h18" />
  </Icon>
);
export const ReadMoreIcon = () => (
  <Icon>
    <path d="M3 12h4M17 12h4" />
    <circle cx="9.5" cy="12" r="0.8" fill="currentColor" />
    <circle cx="12" cy="12" r="0.8" fill="currentColor" />
    <circle cx="14.5" cy="12" r="0.8" fill="currentColor" />
  </Icon>
);
export const ImageIcon = () => (
  <Icon>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <circle cx="9" cy="10" r="1.6" />
    <path d="m21 16-5-5-8 8" />
  </Icon>
);
// A card with lines of text and a plus: a ready-made block to add.
export const SnippetIcon = () => (
  <Icon>
    <rect x="3" y="4" width="13" height="16" rx="2" />
    <path d="M6.5 9h6M6.5 12.5h6M6.5 16h3.5" />
    <path d="M19.5 8v6M16.5 11h6" />
  </Icon>
);
