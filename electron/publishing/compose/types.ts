/**
 * The contract of `composeHtml` (saved editor state → the HTML a blog receives) and `importHtml`
 * (a blog's HTML or block markup → editor state).
 */

/** What a blog receives: clean semantic HTML, or WordPress block markup that opens as blocks. */
export type ComposeFormat = 'html' | 'gutenberg';

/** Where an uploaded image lives on the destination. */
export interface ImageLocation {
  /** The image's public http(s) URL. */
  url: string;
  /** The destination's media id (WordPress: the attachment id, which block markup references). */
  remoteId?: string;
  width?: number;
  height?: number;
}

export interface ComposeOptions {
  format: ComposeFormat;
  /**
   * The uploaded URL of an image from the draft's assets folder, or `null` when it has not been
   * uploaded yet (its figure is then left out and an `IMAGE_NOT_UPLOADED` warning says so).
   */
  images: (fileName: string) => ImageLocation | null;
  /** `wordpress`: the read-more break becomes `<!--more-->`. `none`: it is left out. */
  readMore: 'wordpress' | 'none';
  /**
   * How a YouTube/Vimeo/tweet embed is written: `wordpress` (the embed block in block markup, the
   * bare URL on a line of its own in HTML, both of which WordPress turns into the player), `ghost`
   * (Ghost's embed card), or `link` (a paragraph with a link to it: the default).
   */
  embeds?: 'wordpress' | 'ghost' | 'link';
  /** Keep links whose address is a `{{variable}}` (a snippet's template, filled in afterwards). */
  templateLinks?: boolean;
}

/** An image of the draft, in document order: an asset (`fileName`) or a remote `src`. */
export interface ComposedImage {
  fileName?: string;
  src?: string;
  altText: string;
}

/** Something the author should know before publishing; the post is composed regardless. */
export type ComposeWarning =
  | {
      /** The image has no alternative text, so screen readers skip it. `alt=""` is written. */
      code: 'MISSING_ALT';
      message: string;
      image: ComposedImage;
    }
  | {
      /** The image has no public URL yet (not uploaded, or a data: URI); its figure is left out. */
      code: 'IMAGE_NOT_UPLOADED';
      message: string;
      image: ComposedImage;
    }
  | {
      /** A link whose address is not http(s) or mailto; its text is kept without the link. */
      code: 'LINK_REMOVED';
      message: string;
      url: string;
    }
  | {
      /** A snippet the library on this computer lacks: published as its node last showed it. */
      code: 'SNIPPET_NOT_IN_LIBRARY';
      message: string;
      snippetId: string;
    };

export type ComposeWarningCode = ComposeWarning['code'];

export interface ComposeResult {
  /** The post body: HTML, or block markup for `gutenberg`. */
  html: string;
  warnings: ComposeWarning[];
  /** Every image of the draft, in document order, including those left out of `html`. */
  images: ComposedImage[];
}
