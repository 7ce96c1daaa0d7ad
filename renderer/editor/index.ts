export {
  SignetEditor,
  type EditorStats,
  type EditorVariant,
  type SignetEditorApi,
  type SignetEditorProps,
} from './SignetEditor';
export { editorNodes } from './editorNodes';
export { editorTheme } from './theme/editorTheme';
export {
  $createImageNode,
  $isImageNode,
  ImageNode,
  type ImagePayload,
  type SerializedImageNode,
} from './nodes/ImageNode';
export {
  $createReadMoreNode,
  $isReadMoreNode,
  ReadMoreNode,
  type SerializedReadMoreNode,
} from './nodes/ReadMoreNode';
export {
  $createEmbedNode,
  $isEmbedNode,
  EmbedNode,
  type EmbedPayload,
  type SerializedEmbedNode,
} from './nodes/EmbedNode';
export { EmbedPlugin, registerEmbeds } from './plugins/EmbedPlugin';
export {
  $createSnippetNode,
  $isSnippetNode,
  $unlinkSnippetNode,
  SnippetNode,
  type SerializedSnippetNode,
} from './nodes/SnippetNode';
export {
  INSERT_SNIPPET_COMMAND,
  OPEN_SNIPPET_PICKER_COMMAND,
  type SnippetsHost,
} from './plugins/SnippetsPlugin';
export { SIGNET_TRANSFORMERS } from './plugins/MarkdownTransformers';
export {
  EDITOR_STATE_VERSION,
  EDITOR_STATE_VERSION_KEY,
  migrateEditorState,
  NewerEditorStateError,
} from './serialization/editorStateVersion';
export { sanitizePastedHtml } from './serialization/sanitizePastedHtml';
export { isAllowedLinkUrl, validateLinkUrl } from './utils/linkUrl';
