import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { ApiProvider } from '../shared/api/ApiContext';
import type { Api } from '../shared/api/client';

/** Renders a page with an Api (usually fakeApi) and returns a user-event session. */
export function renderWithApi(ui: ReactElement, api: Api) {
  const user = userEvent.setup();
  const result = render(<ApiProvider api={api}>{ui}</ApiProvider>);
  return { user, ...result };
}
