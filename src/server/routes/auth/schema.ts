import { Type } from 'typebox';
import { PASSWORD_MAX_LENGTH } from '../../../core/password.js';
import { DateTime, Uuid } from '../common.js';

const Email = Type.String({ minLength: 3, maxLength: 320 });
// Length rules are the service's (with a clear message); the schema only bounds the size.
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 });
const Code = Type.String({ minLength: 1, maxLength: 40 });
const LinkToken = Type.String({ minLength: 1, maxLength: 200 });

export const AuthUserSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  totpEnabled: Type.Boolean(),
});

export const SessionBodySchema = Type.Object({
  user: AuthUserSchema,
  csrfToken: Type.String(),
  totpSetupRequired: Type.Boolean(),
});

export const LoginSchema = Type.Object(
  {
    email: Email,
    password: Password,
    totp: Type.Optional(Code),
    recoveryCode: Type.Optional(Code),
  },
  { additionalProperties: false },
);

export const SessionInfoSchema = Type.Object({
  id: Uuid,
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});

export const PasswordChangeSchema = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const ResetRequestSchema = Type.Object({ email: Email }, { additionalProperties: false });

export const ResetCompleteSchema = Type.Object(
  { token: LinkToken, password: Password },
  { additionalProperties: false },
);

export const InvitationAcceptSchema = Type.Object(
  {
    token: LinkToken,
    password: Password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const CodeSchema = Type.Object({ code: Code }, { additionalProperties: false });

export const TotpDisableSchema = Type.Object(
  { password: Password, code: Code },
  { additionalProperties: false },
);

export const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
