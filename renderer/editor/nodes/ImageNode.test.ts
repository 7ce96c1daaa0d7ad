// @vitest-environment happy-dom
import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { $getRoot, type LexicalNode, type SerializedLexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../testing/headlessEditor';
import { $createImageNode, $isImageNode, type ImageNode, type SerializedImageNode } from './ImageNode';

function roundTrip(json: SerializedImageNode): SerializedLexicalNode {
  const editor = createTestEditor();
  const state = editor.parseEditorState({
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [json],
    },
  } as unknown as Parameters<typeof editor.parseEditorState>[0]);
  return state.read(() => $getRoot().getFirstChildOrThrow().exportJSON());
}

function importHtml(html: string): LexicalNode[] {
  const editor = createTestEditor();
  let nodes: LexicalNode[] = [];
  editor.update(
    () => {
      nodes = $generateNodesFromDOM(editor, new DOMParser().parseFromString(html, 'text/html'));
    },
    { discrete: true },
  );
  return nodes;
}

describe('ImageNode JSON', () => {
  it('round-trips an asset image with every field', () => {
    const json: SerializedImageNode = {
      type: 'image',
      version: 1,
      fileName: 'harbour.jpg',
      altText: 'Boats in the harbour at dusk',
      caption: 'Evening, Kiel',
      width: 1600,
      height: 900,
    };
    expect(roundTrip(json)).toEqual(json);
  });

  it('round-trips a remote image without optional fields, writing none of them', () => {
    const json: SerializedImageNode = {
      type: 'image',
      version: 1,
      src: 'https://cdn.example.com/a.png',
      altText: '',
      caption: '',
    };
    const out = roundTrip(json);
    expect(out).toEqual(json);
    expect(Object.keys(out)).not.toContain('fileName');
    expect(Object.keys(out)).not.toContain('width');
  });

  it('reads damaged JSON without throwing and without inventing values', () => {
    const out = roundTrip({
      type: 'image',
      version: 1,
      fileName: 42,
      altText: null,
      caption: undefined,
      width: -5,
      height: 'big',
    } as unknown as SerializedImageNode);
    expect(out).toEqual({ type: 'image', version: 1, altText: '', caption: '' });
  });
});

describe('ImageNode HTML', () => {
  it('imports <img> with alt and size', () => {
    const [node] = importHtml(
      '<img src="https://cdn.example.com/p.png" alt="A plot" width="640" height="480">',
    );
    expect($isImageNode(node)).toBe(true);
    const image = node as ImageNode;
    expect(image.exportJSON()).toEqual({
      type: 'image',
      version: 1,
      src: 'https://cdn.example.com/p.png',
      altText: 'A plot',
      caption: '',
      width: 640,
      height: 480,
    });
  });

  it('imports <figure><img><figcaption> as one image with a caption', () => {
    const nodes = importHtml(
      '<figure><img src="https://cdn.example.com/p.png" alt="A plot"><figcaption> Figure 1:  growth </figcaption></figure>',
    );
    expect(nodes).toHaveLength(1);
    const image = nodes[0] as ImageNode;
    expect(image.exportJSON()).toMatchObject({ caption: 'Figure 1: growth', altText: 'A plot' });
  });

  it('ignores images it may not show', () => {
    expect(importHtml('<img src="javascript:alert(1)">').filter($isImageNode)).toHaveLength(0);
    expect(importHtml('<img src="file:///tmp/x.png">').filter($isImageNode)).toHaveLength(0);
  });

  it('exports <figure><img alt></figure>, with <figcaption> only when captioned', () => {
    const editor = createTestEditor();
    let html = '';
    editor.update(
      () => {
        $getRoot()
          .clear()
          .append(
            $createImageNode({ fileName: 'a.png', altText: 'First', caption: 'Shown below' }),
            $createImageNode({ src: 'https://cdn.example.com/b.png', altText: '' }),
          );
      },
      { discrete: true },
    );
    editor.read(() => {
      html = $generateHtmlFromNodes(editor, null);
    });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const figures = doc.querySelectorAll('figure');
    expect(figures).toHaveLength(2);
    const first = figures[0];
    expect(first?.querySelector('img')?.getAttribute('alt')).toBe('First');
    expect(first?.querySelector('img')?.getAttribute('data-signet-file')).toBe('a.png');
    expect(first?.querySelector('figcaption')?.textContent).toBe('Shown below');
    const second = figures[1];
    expect(second?.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.com/b.png');
    // An empty alt is still written: it tells screen readers the image is decorative.
    expect(second?.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(second?.querySelector('figcaption')).toBeNull();
  });
});
