import { Type } from 'typebox';
import { Version, pageQueryProperties, versionedProperties } from '../common.js';

const fields = {
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
  nameVi: Type.String({ minLength: 1, maxLength: 120 }),
  nameEn: Type.String({ minLength: 1, maxLength: 120 }),
  description: Type.String({ maxLength: 2000 }),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
};

export const CategorySchema = Type.Object(
  { ...versionedProperties, ...fields },
  { $id: 'Category', description: 'A portal section (chuyên mục)' },
);

export const CategoryCreateSchema = Type.Object(
  {
    slug: fields.slug,
    nameVi: fields.nameVi,
    nameEn: fields.nameEn,
    description: Type.Optional(fields.description),
    position: Type.Optional(fields.position),
  },
  { additionalProperties: false },
);

export const CategoryUpdateSchema = Type.Object(
  {
    version: Version,
    slug: Type.Optional(fields.slug),
    nameVi: Type.Optional(fields.nameVi),
    nameEn: Type.Optional(fields.nameEn),
    description: Type.Optional(fields.description),
    position: Type.Optional(fields.position),
  },
  { additionalProperties: false },
);

export const CategoryListQuery = Type.Object(
  { ...pageQueryProperties },
  { additionalProperties: false },
);
