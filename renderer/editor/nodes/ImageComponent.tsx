import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import { CLICK_COMMAND, COMMAND_PRIORITY_LOW, type NodeKey } from 'lexical';
import { useEffect, useRef, useState, type JSX } from 'react';

import { t } from '../../../electron/contract/i18n';
import { isAllowedImageSrc, useResolveAssetUrl } from './imageSources';

interface ImageComponentProps {
  nodeKey: NodeKey;
  src: string | undefined;
  fileName: string | undefined;
  altText: string;
  caption: string;
  width: number | undefined;
  height: number | undefined;
}

/**
 * The image as the author sees it. Alt text and caption are edited in the ImageInspectorPlugin
 * panel, outside the contenteditable: inputs inside a selected decorator would have Backspace and
 * Enter handled by Lexical as "delete/split around this node".
 */
export function ImageComponent({
  nodeKey,
  src,
  fileName,
  altText,
  caption,
  width,
  height,
}: ImageComponentProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const figureRef = useRef<HTMLElement>(null);
  const resolveAssetUrl = useResolveAssetUrl();
  const url =
    fileName !== undefined
      ? resolveAssetUrl(fileName)
      : src !== undefined && isAllowedImageSrc(src)
        ? src
        : null;
  const [failedUrl, setFailedUrl] = useState<string | null>(null);

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          const figure = figureRef.current;
          if (figure === null || !(event.target instanceof Node) || !figure.contains(event.target))
            return false;
          if (!event.shiftKey) clearSelection();
          setSelected(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, clearSelection, setSelected],
  );

  const hasAltText = altText.trim().length > 0;
  const isBroken = url === null || failedUrl === url;
  return (
    <figure
      ref={figureRef}
      className={`signet-image__figure${isSelected ? ' is-selected' : ''}`}
      data-signet-image-key={nodeKey}
    >
      {isBroken ? (
        <div
          className="signet-image__missing"
          role="img"
          aria-label={hasAltText ? altText : t('editor.image.unavailable')}
        >
          {fileName !== undefined
            ? t('editor.image.unavailableFile', { fileName })
            : t('editor.image.unavailable')}
        </div>
      ) : (
        <img
          className="signet-image__img"
          src={url}
          alt={altText}
          width={width}
          height={height}
          draggable={false}
          // Remote images from pastes should not tell third parties which draft is open.
          referrerPolicy="no-referrer"
          loading="lazy"
          onError={() => setFailedUrl(url)}
        />
      )}
      {!hasAltText && <span className="signet-image__badge">{t('editor.image.missingAlt')}</span>}
      {caption.trim().length > 0 && <figcaption className="signet-image__caption">{caption}</figcaption>}
    </figure>
  );
}
