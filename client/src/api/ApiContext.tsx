import { createContext, useContext, type ReactNode } from 'react';
import { createApi, type Api } from './client';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api?: Api; children: ReactNode }) {
  return <ApiContext value={api ?? defaultApi()}>{children}</ApiContext>;
}

let shared: Api | undefined;
function defaultApi(): Api {
  shared ??= createApi();
  return shared;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) {
    throw new Error('useApi must be used inside <ApiProvider>.');
  }
  return api;
}
