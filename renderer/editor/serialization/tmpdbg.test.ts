// @vitest-environment happy-dom
import DOMPurify from 'dompurify';
import { it } from 'vitest';
import { installBrowserNodeName } from '../testing/happyDomNodeName';
it('dbg', () => {
  installBrowserNodeName();
  const p = DOMPurify(window as never);
  p.addHook('uponSanitizeAttribute', (node, data) => console.log('attr', node.nodeName, data.attrName, data.keepAttr));
  p.addHook('uponSanitizeElement', (node, data) => console.log('el', node.nodeName, data.tagName));
  p.addHook('beforeSanitizeAttributes', (node) => console.log('beforeAttrs', node.nodeName, (node as Element).attributes?.length));
  console.log(p.sanitize('<p>Hi</p><b onclick="x()">b</b><template><p>t</p></template>'));
});
