// What the e2e global setup (client/e2e/global-setup.ts) provides to every e2e test, including these.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    admin: { email: string; password: string };
  }
}
