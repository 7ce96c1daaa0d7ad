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
