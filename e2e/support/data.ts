/** Test data made through the real API (as a staff member with a token), per test file. */
import assert from 'node:assert/strict';
import type { Staff } from './desk.js';
import type { TestServer } from './server.js';

/** Calls the API as `staff`; fails the test on an unexpected status. */
export async function callApi<T>(
  server: TestServer,
  staff: Staff,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  expect: number[] = [200, 201],
): Promise<T> {
  const response = await server.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${staff.token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  assert.ok(
    expect.includes(response.statusCode),
    `${method} ${url}: ${response.statusCode} ${response.body}`,
  );
  return response.json<T>();
}

export interface CreatedClaim {
  id: string;
  version: number;
  text: string;
}

/** A claim as an editor would create it. */
export function createClaim(
  server: TestServer,
  staff: Staff,
  input: { text: string; priority?: string; dueAt?: string; language?: string },
): Promise<CreatedClaim> {
  return callApi<CreatedClaim>(server, staff, 'POST', '/claims', input);
}
