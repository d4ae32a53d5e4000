/**
 * Published portal content made through the real API, as the desk would make it: a category,
 * a claim with evidence, a check taken through review to publication, and statements.
 */
import { callApi, createClaim } from './data.js';
import type { Staff } from './desk.js';
import type { TestServer } from './server.js';

interface CheckJson {
  id: string;
  version: number;
  slug: string;
}

export interface PublishedCheckInput {
  claimText: string;
  title: string;
  summary: string;
  explanation: string;
  evidenceTitles: string[];
  evidenceNote?: string;
  categoryId?: string;
  rating?: string;
}

/** A category (admins only). */
export async function createCategory(
  server: TestServer,
  admin: Staff,
  input: { slug: string; nameVi: string; nameEn: string; description?: string },
): Promise<{ id: string; slug: string }> {
  return callApi(server, admin, 'POST', '/categories', input);
}

/** Claim → evidence → check → in review → approved → published. Returns the check's slug. */
export async function publishCheck(
  server: TestServer,
  editor: Staff,
  lead: Staff,
  input: PublishedCheckInput,
): Promise<{ checkId: string; claimId: string; slug: string }> {
  const claim = await createClaim(server, editor, { text: input.claimText });
  for (const title of input.evidenceTitles) {
    await callApi(server, editor, 'POST', `/claims/${claim.id}/evidence`, {
      kind: 'document',
      title,
      ...(input.evidenceNote ? { note: input.evidenceNote } : {}),
    });
  }
  const check = await callApi<CheckJson>(server, editor, 'POST', '/checks', {
    claimId: claim.id,
    title: input.title,
    rating: input.rating ?? 'false',
    summary: input.summary,
    explanation: input.explanation,
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
  });
  const submitted = await callApi<CheckJson>(server, editor, 'PATCH', `/checks/${check.id}`, {
    version: check.version,
    status: 'in_review',
  });
  const approved = await callApi<CheckJson>(server, lead, 'PATCH', `/checks/${check.id}`, {
    version: submitted.version,
    status: 'approved',
  });
  const published = await callApi<CheckJson>(server, lead, 'PATCH', `/checks/${check.id}`, {
    version: approved.version,
    status: 'published',
  });
  return { checkId: check.id, claimId: claim.id, slug: published.slug };
}
