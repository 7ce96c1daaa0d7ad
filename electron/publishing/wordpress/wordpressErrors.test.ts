/**
 * XML-RPC faults as WordPress 6.1 sends them (texts from class-wp-xmlrpc-server.php) and what the
 * author is told. The faults the test server can produce are also met in the integration tests.
 */
import { describe, expect, it } from 'vitest';
import { XmlRpcFault } from '../http/xmlrpc';
import { faultError } from './wordpressErrors';

const url = 'https://blog.example.com/xmlrpc.php';

describe('faultError', () => {
  it.each([
    [403, 'Incorrect username or password.', 'AUTH_FAILED'],
    [401, 'Sorry, you are not allowed to edit this post.', 'FORBIDDEN'],
    [404, 'Invalid post ID.', 'NOT_FOUND'],
    [409, 'There is a revision of this post that is more recent.', 'CONFLICT'],
    [405, 'XML-RPC services are disabled on this site.', 'XMLRPC_DISABLED'],
    [-32601, 'server error. requested method wp.newPost does not exist.', 'XMLRPC_DISABLED'],
    [-32700, 'parse error. not well formed', 'BAD_RESPONSE'],
    [500, 'A term with the name provided already exists in this taxonomy.', 'VALIDATION'],
    [500, 'Content, title, and excerpt are empty.', 'VALIDATION'],
    [500, 'Sorry, the post could not be created.', 'SERVER_ERROR'],
    [401, 'Ambiguous term name used in a hierarchical taxonomy. Please use term ID instead.', 'VALIDATION'],
    [404, 'Invalid attachment ID.', 'VALIDATION'],
  ])('fault %i “%s” → %s', (code, text, expected) => {
    const error = faultError(new XmlRpcFault(code, text), url, { what: 'this post' });
    expect(error.code).toBe(expected);
    expect(error.status).toBe(code);
    expect(error.message).toMatch(/blog\.example\.com/);
  });

  it('a refused login says what to check, or that application passwords are off when discovery saw that', () => {
    const fault = new XmlRpcFault(403, 'Incorrect username or password.');
    expect(faultError(fault, url).message).toBe(
      'WordPress at blog.example.com refused the user name or application password. ' +
        'Check both, or create a new application password under Users → Profile.',
    );
    expect(faultError(fault, url, { applicationPasswordsOff: true }).code).toBe('APP_PASSWORDS_DISABLED');
  });

  it('names the ambiguous-category problem and its fix', () => {
    const error = faultError(
      new XmlRpcFault(
        401,
        'Ambiguous term name used in a hierarchical taxonomy. Please use term ID instead.',
      ),
      url,
    );
    expect(error.message).toMatch(/more than one category with one of these names/);
    expect(error.message).toMatch(/Posts → Categories/);
  });
});
