/** The parts of the official Ghost Admin API client (`@tryghost/admin-api`, plain JS) Signet uses. */
declare module '@tryghost/admin-api' {
  interface GhostAdminRequest {
    url: string;
    method: string;
    /** The JSON body (an object) for POST/PUT; `''`, `undefined` or the ids for GET/DELETE. */
    data?: unknown;
    params?: Record<string, unknown>;
    headers?: Record<string, string>;
  }

  interface GhostAdminOptions {
    url: string;
    key: string;
    /** `v6.0`: sent as `Accept-Version`. */
    version: string | boolean;
    ghostPath?: string;
    userAgent?: string | boolean;
    makeRequest?(request: GhostAdminRequest): Promise<unknown>;
    generateToken?(key: string, audience: string): string;
  }

  type Query = Record<string, string | number | undefined>;

  interface GhostResource {
    /** An array (with `meta.pagination`) of the resource's items. */
    browse(query?: Query): Promise<unknown>;
    read(data: { id?: string; slug?: string }, query?: Query): Promise<unknown>;
    add(data: Record<string, unknown>, query?: Query): Promise<unknown>;
    edit(data: Record<string, unknown> & { id: string }, query?: Query): Promise<unknown>;
    delete(data: { id: string }, query?: Query): Promise<unknown>;
  }

  interface GhostAdminApi {
    posts: GhostResource;
    pages: GhostResource;
    tags: GhostResource;
    users: GhostResource;
    newsletters: GhostResource;
    site: { read(): Promise<unknown> };
  }

  const GhostAdminAPI: new (options: GhostAdminOptions) => GhostAdminApi;
  export default GhostAdminAPI;
  export type { GhostAdminApi, GhostAdminOptions, GhostAdminRequest, GhostResource };
}
