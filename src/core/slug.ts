/** URL slug from a Vietnamese title: "Sở Y tế bác bỏ tin đồn" → "so-y-te-bac-bo-tin-don". */
export function slugify(title: string, maxLength = 80): string {
  const base = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = base.slice(0, maxLength).replace(/-+$/g, '');
  return cut || 'bai-viet';
}
