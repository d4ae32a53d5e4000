/** The keyboard shortcuts, opened with "?". A native modal dialog keeps focus inside it. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  ['j', 'help.next'],
  ['k', 'help.previous'],
  ['Enter', 'help.open'],
  ['/', 'help.search'],
  ['?', 'help.help'],
  ['Esc', 'help.close'],
] as const;

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby="help-title" onClose={onClose} className="dialog">
      <h2 id="help-title">{t('help.title')}</h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" autoFocus>
          {t('common.close')}
        </button>
      </form>
    </dialog>
  );
}
