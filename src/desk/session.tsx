/** Who is signed in, for every page; a lost session brings the login page back. */
import { createContext, useContext } from 'react';
import type { Role, Session } from './types.js';

export interface SessionState {
  session: Session;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The signed-in session (pages below the login gate only). */
export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside the signed-in desk');
  return value;
}

const ranks: Record<Role, number> = { admin: 4, lead: 3, editor: 2, contributor: 1, press: 0 };

/** What a role may do in the desk (the server decides; this only hides what would be refused). */
export const abilities = {
  triage: (role: Role) => ranks[role] >= ranks.editor,
  assign: (role: Role) => ranks[role] >= ranks.lead,
  write: (role: Role) => ranks[role] >= ranks.editor,
  publish: (role: Role) => ranks[role] >= ranks.lead,
  admin: (role: Role) => role === 'admin',
  report: (role: Role) => role !== 'press',
  /** The dashboard (`dashboard.read`). */
  dashboard: (role: Role) => ranks[role] >= ranks.editor,
  /** The activity report (`reports.read`). */
  activityReport: (role: Role) => role === 'admin' || role === 'lead',
  /** The system's health (`health.read`). */
  health: (role: Role) => role === 'admin' || role === 'lead',
  /** Journalists' questions: read and answered by the press office, leads and admins. */
  inquiries: (role: Role) => role === 'admin' || role === 'lead' || role === 'press',
};
