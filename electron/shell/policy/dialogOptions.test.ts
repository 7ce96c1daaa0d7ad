import { describe, expect, it } from 'vitest';
import { imageMimeType } from '../../drafts/assets';
import {
  firstPickedPath,
  IMAGE_EXTENSIONS,
  pickFolderDialogOptions,
  pickFileDialogOptions,
  pickImageDialogOptions,
  savedPath,
  saveDialogOptions,
} from './dialogOptions';

describe('dialog options', () => {
  it('offers only image types the app accepts afterwards', () => {
    const filter = pickImageDialogOptions({ title: 'Insert an image' }).filters[0];
    expect(filter?.extensions).toEqual([...IMAGE_EXTENSIONS]);
    for (const ext of filter?.extensions ?? []) expect(imageMimeType(`x.${ext}`)).not.toBeNull();
  });

  it('picks one folder and may create it', () => {
    expect(pickFolderDialogOptions({ title: 'Move drafts to…', defaultPath: '/d' })).toEqual({
      title: 'Move drafts to…',
      defaultPath: '/d',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(pickFolderDialogOptions({ title: 't' })).not.toHaveProperty('defaultPath');
  });

  it('reads a cancelled picker as null', () => {
    expect(firstPickedPath({ canceled: true, filePaths: ['/x'] })).toBeNull();
    expect(firstPickedPath({ canceled: false, filePaths: [] })).toBeNull();
    expect(firstPickedPath({ canceled: false, filePaths: ['/a', '/b'] })).toBe('/a');
  });

  it('opens one file of the given type, and saves with an overwrite check', () => {
    expect(
      pickFileDialogOptions({
        title: 'Import snippets',
        filterName: 'Signet snippets',
        extensions: ['json'],
      }),
    ).toEqual({
      title: 'Import snippets',
      properties: ['openFile'],
      filters: [{ name: 'Signet snippets', extensions: ['json'] }],
    });
    const save = saveDialogOptions({
      title: 'Export snippets',
      defaultName: 'snippets.json',
      filterName: 'Signet snippets',
      extensions: ['json'],
    });
    expect(save.defaultPath).toBe('snippets.json');
    expect(save.properties).toContain('showOverwriteConfirmation');
    expect(savedPath({ canceled: true, filePath: '/x' })).toBeNull();
    expect(savedPath({ canceled: false })).toBeNull();
    expect(savedPath({ canceled: false, filePath: '/x.json' })).toBe('/x.json');
  });
});
