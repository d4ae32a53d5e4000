/**
 * Administration: users and roles, sources with their health, categories, checklist templates
 * and retention. Each section reads its own endpoint and says so when the server lacks it.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { admin, ApiError } from '../api.js';
import { ConflictNotice, ErrorNotice, Unavailable } from '../components/notices.js';
import { formatDateTime, formatNumber, formatPercent } from '../format.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ROLES, type ChecklistTemplate, type RetentionSettings, type Role } from '../types.js';
import { useResource, type Resource } from '../use-resource.js';

const SECTIONS = ['users', 'sources', 'categories', 'checklists', 'retention'] as const;
type Section = (typeof SECTIONS)[number];

export default function AdminPage({ path }: { path: string }) {
  const { t } = useTranslation();
  const section = (SECTIONS.find((s) => path === `/admin/${s}`) ?? 'users') satisfies Section;
  return (
    <section aria-labelledby="admin-title" className="admin">
      <h1 id="admin-title" tabIndex={-1}>
        {t('admin.title')}
      </h1>
      <nav aria-label={t('admin.sections')} className="subnav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <Link to={`/admin/${s}`} aria-current={s === section ? 'page' : undefined}>
                {t(`admin.${s}.title`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'users' && <Users />}
      {section === 'sources' && <Sources />}
      {section === 'categories' && <Categories />}
      {section === 'checklists' && <Checklists />}
      {section === 'retention' && <Retention />}
    </section>
  );
}

function Loaded<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (resource.missing) return <Unavailable />;
  if (resource.error) return <ErrorNotice error={resource.error} />;
  if (resource.data === undefined) return <p role="status">{t('common.loading')}</p>;
  return <>{children(resource.data)}</>;
}

function Users() {
  const { t } = useTranslation();
  const { session } = useSession();
  const users = useResource(() => admin.users(), []);
  const [error, setError] = useState<unknown>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [invited, setInvited] = useState<string | null>(null);

  const change = async (id: string, patch: { role?: Role; disabled?: boolean }) => {
    setError(null);
    const user = (users.data ?? []).find((u) => u.id === id);
    if (!user) return;
    try {
      const updated = await admin.updateUser(user, patch);
      users.set((users.data ?? []).map((u) => (u.id === id ? updated : u)));
    } catch (caught) {
      setError(caught);
    }
  };

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await admin.invite({ email: email.trim(), role });
      setInvited(result.link ?? t('admin.users.invitationSent'));
      setEmail('');
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.users.title')}</h2>
      {error !== null && <ErrorNotice error={error} />}
      <Loaded resource={users}>
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.users.name')}</th>
                <th scope="col">{t('admin.users.email')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.totp')}</th>
                <th scope="col">{t('admin.users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.displayName}</th>
                  <td>{user.email}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      {t('admin.users.roleOf', { name: user.displayName })}
                    </label>
                    <select
                      id={`role-${user.id}`}
                      value={user.role}
                      disabled={user.id === session.user.id}
                      onChange={(event) =>
                        void change(user.id, { role: event.target.value as Role })
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{user.totpEnabled ? t('common.yes') : t('common.no')}</td>
                  <td>
                    <button
                      type="button"
                      disabled={user.id === session.user.id}
                      onClick={() => void change(user.id, { disabled: !user.disabledAt })}
                    >
                      {user.disabledAt ? t('admin.users.enable') : t('admin.users.disable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <form onSubmit={(event) => void invite(event)} className="inline-fields">
        <h3>{t('admin.users.invite')}</h3>
        <div className="field">
          <label htmlFor="invite-email">{t('admin.users.email')}</label>
          <input
            id="invite-email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="invite-role">{t('admin.users.role')}</label>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('admin.users.inviteButton')}</button>
      </form>
      {invited && (
        <p className="success" role="status">
          {invited}
        </p>
      )}
    </section>
  );
}

function Sources() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sources = useResource(() => admin.sources(), []);
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">{t('admin.sources.title')}</h2>
      <Loaded resource={sources}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('admin.sources.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.sources.name')}</th>
                  <th scope="col">{t('admin.sources.health')}</th>
                  <th scope="col">{t('admin.sources.lastSuccess')}</th>
                  <th scope="col">{t('admin.sources.lastError')}</th>
                  <th scope="col">{t('admin.sources.items')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((source) => (
                  <tr key={source.id}>
                    <th scope="row">
                      {source.name}
                      <br />
                      <span className="muted">{source.url}</span>
                    </th>
                    <td>
                      {!source.enabled
                        ? `${t('admin.sources.off')}${source.disabledReason ? `: ${source.disabledReason}` : ''}`
                        : source.failureScore >= 0.5
                          ? t('admin.sources.failing', {
                              p: formatPercent(source.failureScore, lang),
                            })
                          : t('admin.sources.healthy')}
                    </td>
                    <td>{formatDateTime(source.lastSuccessAt, lang)}</td>
                    <td>
                      {source.lastError ? (
                        <>
                          {formatDateTime(source.lastErrorAt, lang)}: {source.lastError}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{formatNumber(source.itemsCount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

function Categories() {
  const { t } = useTranslation();
  const categories = useResource(() => admin.categories(), []);
  const [form, setForm] = useState({ slug: '', nameVi: '', nameEn: '' });
  const [error, setError] = useState<unknown>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const created = await admin.createCategory(form);
      categories.set([...(categories.data ?? []), created]);
      setForm({ slug: '', nameVi: '', nameEn: '' });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">{t('admin.categories.title')}</h2>
      <Loaded resource={categories}>
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.categories.slug')}</th>
                <th scope="col">{t('admin.categories.nameVi')}</th>
                <th scope="col">{t('admin.categories.nameEn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.slug}</th>
                  <td lang="vi">{c.nameVi}</td>
                  <td lang="en">{c.nameEn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <form onSubmit={(event) => void create(event)} className="inline-fields">
        <h3>{t('admin.categories.add')}</h3>
        {(['slug', 'nameVi', 'nameEn'] as const).map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`category-${field}`}>{t(`admin.categories.${field}`)}</label>
            <input
              id={`category-${field}`}
              required
              value={form[field]}
              pattern={field === 'slug' ? '[a-z0-9]+(-[a-z0-9]+)*' : undefined}
              onChange={(event) => setForm({ ...form, [field]: event.target.value })}
            />
          </div>
        ))}
        <button type="submit">{t('common.add')}</button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}

function Checklists() {
  const { t } = useTranslation();
  const templates = useResource(() => admin.checklistTemplates(), []);
  return (
    <section aria-labelledby="checklists-title">
      <h2 id="checklists-title">{t('admin.checklists.title')}</h2>
      <Loaded resource={templates}>
        {(list) => (
          <>
            {list.map((template) => (
              <TemplateEditor
                key={`${template.id}:${template.version}`}
                template={template}
                onSaved={(saved) => templates.set(list.map((x) => (x.id === saved.id ? saved : x)))}
                onReload={() => void templates.reload()}
              />
            ))}
          </>
        )}
      </Loaded>
    </section>
  );
}

function TemplateEditor({
  template,
  onSaved,
  onReload,
}: {
  template: ChecklistTemplate;
  onSaved: (t: ChecklistTemplate) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(template.items.join('\n'));
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const items = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    try {
      onSaved(await admin.saveChecklistTemplate(template.id, template.version, items));
    } catch (caught) {
      if (caught instanceof ApiError && caught.isConflict) setConflict(true);
      else setError(caught);
    }
  };
  const id = `template-${template.id}`;
  return (
    <form onSubmit={(event) => void save(event)} className="stack">
      {conflict && <ConflictNotice onReload={onReload} />}
      <div className="field">
        <label htmlFor={id}>{template.name}</label>
        <textarea
          id={id}
          rows={Math.max(4, template.items.length + 1)}
          value={text}
          aria-describedby={`${id}-help`}
          onChange={(event) => setText(event.target.value)}
        />
        <p id={`${id}-help`} className="help">
          {t('admin.checklists.help')}
        </p>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}

function Retention() {
  const { t } = useTranslation();
  const retention = useResource(() => admin.retention(), []);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{t('admin.retention.title')}</h2>
      <p role="status">{saved ? t('admin.retention.saved') : ''}</p>
      <Loaded resource={retention}>
        {(settings) => (
          <RetentionForm
            key={settings.version}
            settings={settings}
            onSaved={(value) => {
              retention.set(value);
              setSaved(true);
            }}
            onReload={() => void retention.reload()}
          />
        )}
      </Loaded>
    </section>
  );
}

function RetentionForm({
  settings,
  onSaved,
  onReload,
}: {
  settings: RetentionSettings;
  onSaved: (s: RetentionSettings) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState(settings);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      onSaved(await admin.saveRetention(value));
    } catch (caught) {
      if (caught instanceof ApiError && caught.isConflict) setConflict(true);
      else setError(caught);
    }
  };
  const limits = { afterAnswerDays: { min: 0, max: 3650 }, maxDays: { min: 1, max: 3650 } };
  return (
    <form onSubmit={(event) => void save(event)} className="stack">
      {conflict && <ConflictNotice onReload={onReload} />}
      <p id="retention-source">
        {settings.source === 'config'
          ? t('admin.retention.fromConfig', settings.defaults)
          : t('admin.retention.fromDatabase', {
              ...settings.defaults,
              when: formatDateTime(settings.updatedAt, i18n.language),
            })}
      </p>
      {(['afterAnswerDays', 'maxDays'] as const).map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`retention-${field}`}>{t(`admin.retention.${field}`)}</label>
          <input
            id={`retention-${field}`}
            type="number"
            inputMode="numeric"
            min={limits[field].min}
            max={field === 'afterAnswerDays' ? value.maxDays : limits[field].max}
            step={1}
            required
            aria-describedby="retention-help"
            value={value[field]}
            onChange={(event) => setValue({ ...value, [field]: Number(event.target.value) })}
          />
        </div>
      ))}
      <p id="retention-help" className="help">
        {t('admin.retention.help')}
      </p>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}
