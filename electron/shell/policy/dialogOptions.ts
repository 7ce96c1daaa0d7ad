/** Options for the native pickers behind `DialogPort`, and how to read their answer. */

/** Image types Signet shows (the same list as `imageMimeType` in drafts/assets.ts). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg'] as const;

export function pickFolderDialogOptions(options: { title: string; defaultPath?: string }) {
  return {
    title: options.title,
    ...(options.defaultPath ? { defaultPath: options.defaultPath } : {}),
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
}

export function pickImageDialogOptions(options: { title: string }) {
  return {
    title: options.title,
    properties: ['openFile'] as Array<'openFile'>,
    filters: [{ name: 'Images', extensions: [...IMAGE_EXTENSIONS] }],
  };
}

/** The chosen path, or null when the author cancelled. */
export function firstPickedPath(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export function pickFileDialogOptions(options: { title: string; filterName: string; extensions: string[] }) {
  return {
    title: options.title,
    properties: ['openFile'] as Array<'openFile'>,
    filters: [{ name: options.filterName, extensions: [...options.extensions] }],
  };
}

export function saveDialogOptions(options: {
  title: string;
  defaultName: string;
  filterName: string;
  extensions: string[];
}) {
  return {
    title: options.title,
    defaultPath: options.defaultName,
    filters: [{ name: options.filterName, extensions: [...options.extensions] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
      'createDirectory' | 'showOverwriteConfirmation'
    >,
  };
}

/** The chosen save path, or null when the author cancelled. */
export function savedPath(result: { canceled: boolean; filePath?: string }): string | null {
  return result.canceled || !result.filePath ? null : result.filePath;
}
