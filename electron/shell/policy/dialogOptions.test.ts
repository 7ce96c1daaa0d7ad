import { describe, expect, it } from 'vitest';
import { imageMimeType } from '../../drafts/assets';
import {
  firstPickedPath,
  IMAGE_EXTENSIONS,
  pickFolderDialogOptions,
  pickImageDialogOptions,
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
});
