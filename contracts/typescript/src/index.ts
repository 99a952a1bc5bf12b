// Public surface of @launchpath/contracts: the NSwag-generated client and DTO types (src/client.ts, never edited by hand).
export * from './client';
