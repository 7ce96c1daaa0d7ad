export * from './api';
export * from './types';
export * from './publishing';
export * from './snippets';
export * from './outbox';
