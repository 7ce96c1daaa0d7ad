/**
 * The part of Blogger's discovery document (blogger:v3, revision 20231011, as published in
 * googleapis/google-api-python-client `discovery_cache/documents/blogger.v3.json`) that Signet
 * uses, trimmed to what the fake checks: each method's HTTP method, path and query parameters
 * (type, enum, repeated), the global parameters, and the fields of the Post and Page resources.
 * The fake refuses anything not listed here, as Google's front end does.
 */

export interface ParamSpec {
  type: 'string' | 'boolean' | 'uint32';
  enum?: readonly string[];
  repeated?: boolean;
  /** Not in the discovery document's types, but Blogger's documentation: RFC 3339 date-times. */
  dateTime?: boolean;
}

export interface MethodSpec {
  id: string;
  httpMethod: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the root URL (`https://blogger.googleapis.com/`). */
  path: string;
  parameters: Record<string, ParamSpec>;
  request?: 'Post' | 'Page';
}

const VIEW: ParamSpec = { type: 'string', enum: ['VIEW_TYPE_UNSPECIFIED', 'READER', 'AUTHOR', 'ADMIN'] };
const BOOL: ParamSpec = { type: 'boolean' };
const UINT: ParamSpec = { type: 'uint32' };
const STR: ParamSpec = { type: 'string' };
const DATE: ParamSpec = { type: 'string', dateTime: true };
const ORDER_BY: ParamSpec = { type: 'string', enum: ['ORDER_BY_UNSPECIFIED', 'PUBLISHED', 'UPDATED'] };

export const GLOBAL_PARAMETERS: Record<string, ParamSpec> = {
  '$.xgafv': { type: 'string', enum: ['1', '2'] },
  access_token: STR,
  alt: { type: 'string', enum: ['json', 'media', 'proto'] },
  callback: STR,
  fields: STR,
  key: STR,
  oauth_token: STR,
  prettyPrint: BOOL,
  quotaUser: STR,
  uploadType: STR,
  upload_protocol: STR,
};

export const METHODS: readonly MethodSpec[] = [
  { id: 'blogger.users.get', httpMethod: 'GET', path: 'v3/users/{userId}', parameters: {} },
  {
    id: 'blogger.blogs.listByUser',
    httpMethod: 'GET',
    path: 'v3/users/{userId}/blogs',
    parameters: {
      fetchUserInfo: BOOL,
      role: { ...VIEW, repeated: true },
      status: { type: 'string', enum: ['LIVE', 'DELETED'], repeated: true },
      view: VIEW,
    },
  },
  {
    id: 'blogger.blogs.get',
    httpMethod: 'GET',
    path: 'v3/blogs/{blogId}',
    parameters: { maxPosts: UINT, view: VIEW },
  },
  {
    id: 'blogger.posts.list',
    httpMethod: 'GET',
    path: 'v3/blogs/{blogId}/posts',
    parameters: {
      endDate: DATE,
      fetchBodies: BOOL,
      fetchImages: BOOL,
      labels: STR,
      maxResults: UINT,
      orderBy: ORDER_BY,
      pageToken: STR,
      sortOption: { type: 'string', enum: ['SORT_OPTION_UNSPECIFIED', 'DESCENDING', 'ASCENDING'] },
      startDate: DATE,
      status: { type: 'string', enum: ['LIVE', 'DRAFT', 'SCHEDULED', 'SOFT_TRASHED'], repeated: true },
      view: VIEW,
    },
  },
  {
    id: 'blogger.posts.insert',
    httpMethod: 'POST',
    path: 'v3/blogs/{blogId}/posts',
    parameters: { fetchBody: BOOL, fetchImages: BOOL, isDraft: BOOL },
    request: 'Post',
  },
  {
    id: 'blogger.posts.get',
    httpMethod: 'GET',
    path: 'v3/blogs/{blogId}/posts/{postId}',
    parameters: { fetchBody: BOOL, fetchImages: BOOL, maxComments: UINT, view: VIEW },
  },
  {
    id: 'blogger.posts.update',
    httpMethod: 'PUT',
    path: 'v3/blogs/{blogId}/posts/{postId}',
    parameters: { fetchBody: BOOL, fetchImages: BOOL, maxComments: UINT, publish: BOOL, revert: BOOL },
    request: 'Post',
  },
  {
    id: 'blogger.posts.patch',
    httpMethod: 'PATCH',
    path: 'v3/blogs/{blogId}/posts/{postId}',
    parameters: { fetchBody: BOOL, fetchImages: BOOL, maxComments: UINT, publish: BOOL, revert: BOOL },
    request: 'Post',
  },
  {
    id: 'blogger.posts.delete',
    httpMethod: 'DELETE',
    path: 'v3/blogs/{blogId}/posts/{postId}',
    parameters: { useTrash: BOOL },
  },
  {
    id: 'blogger.posts.publish',
    httpMethod: 'POST',
    path: 'v3/blogs/{blogId}/posts/{postId}/publish',
    parameters: { publishDate: DATE },
  },
  {
    id: 'blogger.posts.revert',
    httpMethod: 'POST',
    path: 'v3/blogs/{blogId}/posts/{postId}/revert',
    parameters: {},
  },
  {
    id: 'blogger.pages.list',
    httpMethod: 'GET',
    path: 'v3/blogs/{blogId}/pages',
    parameters: {
      fetchBodies: BOOL,
      maxResults: UINT,
      pageToken: STR,
      status: { type: 'string', enum: ['LIVE', 'DRAFT', 'SOFT_TRASHED'], repeated: true },
      view: VIEW,
    },
  },
  {
    id: 'blogger.pages.insert',
    httpMethod: 'POST',
    path: 'v3/blogs/{blogId}/pages',
    parameters: { isDraft: BOOL },
    request: 'Page',
  },
  {
    id: 'blogger.pages.get',
    httpMethod: 'GET',
    path: 'v3/blogs/{blogId}/pages/{pageId}',
    parameters: { view: VIEW },
  },
  {
    id: 'blogger.pages.update',
    httpMethod: 'PUT',
    path: 'v3/blogs/{blogId}/pages/{pageId}',
    parameters: { publish: BOOL, revert: BOOL },
    request: 'Page',
  },
  {
    id: 'blogger.pages.patch',
    httpMethod: 'PATCH',
    path: 'v3/blogs/{blogId}/pages/{pageId}',
    parameters: { publish: BOOL, revert: BOOL },
    request: 'Page',
  },
  {
    id: 'blogger.pages.delete',
    httpMethod: 'DELETE',
    path: 'v3/blogs/{blogId}/pages/{pageId}',
    parameters: { useTrash: BOOL },
  },
  {
    id: 'blogger.pages.publish',
    httpMethod: 'POST',
    path: 'v3/blogs/{blogId}/pages/{pageId}/publish',
    parameters: {},
  },
  {
    id: 'blogger.pages.revert',
    httpMethod: 'POST',
    path: 'v3/blogs/{blogId}/pages/{pageId}/revert',
    parameters: {},
  },
];

/** A JSON field as the discovery document types it. */
export type FieldSpec =
  | { type: 'string'; enum?: readonly string[] }
  | { type: 'number' }
  | { type: 'array'; items: FieldSpec }
  | { type: 'object'; properties: Record<string, FieldSpec> };

const S: FieldSpec = { type: 'string' };
const obj = (properties: Record<string, FieldSpec>): FieldSpec => ({ type: 'object', properties });
const AUTHOR = obj({ displayName: S, id: S, image: obj({ url: S }), url: S });

/** The Comment resource, only as far as a Post's `replies.items` may carry it. */
const COMMENT = obj({
  author: AUTHOR,
  blog: obj({ id: S }),
  content: S,
  id: S,
  inReplyTo: obj({ id: S }),
  kind: S,
  post: obj({ id: S }),
  published: S,
  selfLink: S,
  status: { type: 'string', enum: ['LIVE', 'EMPTIED', 'PENDING', 'SPAM'] },
  updated: S,
});

export const POST_FIELDS: Record<string, FieldSpec> = {
  author: AUTHOR,
  blog: obj({ id: S }),
  content: S,
  customMetaData: S,
  etag: S,
  id: S,
  images: { type: 'array', items: obj({ url: S }) },
  kind: S,
  labels: { type: 'array', items: S },
  location: obj({ lat: { type: 'number' }, lng: { type: 'number' }, name: S, span: S }),
  published: S,
  readerComments: { type: 'string', enum: ['ALLOW', 'DONT_ALLOW_SHOW_EXISTING', 'DONT_ALLOW_HIDE_EXISTING'] },
  replies: obj({ items: { type: 'array', items: COMMENT }, selfLink: S, totalItems: S }),
  selfLink: S,
  status: { type: 'string', enum: ['LIVE', 'DRAFT', 'SCHEDULED', 'SOFT_TRASHED'] },
  title: S,
  titleLink: S,
  trashed: S,
  updated: S,
  url: S,
};

export const PAGE_FIELDS: Record<string, FieldSpec> = {
  author: AUTHOR,
  blog: obj({ id: S }),
  content: S,
  etag: S,
  id: S,
  kind: S,
  published: S,
  selfLink: S,
  status: { type: 'string', enum: ['LIVE', 'DRAFT', 'SOFT_TRASHED'] },
  title: S,
  trashed: S,
  updated: S,
  url: S,
};

export const BLOGGER_SCOPE = 'https://www.googleapis.com/auth/blogger';
export const BLOGGER_READONLY_SCOPE = 'https://www.googleapis.com/auth/blogger.readonly';
