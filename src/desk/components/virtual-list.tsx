/**
 * A listbox that renders only the rows in view (fixed row height), so a queue of 10,000 claims
 * costs the same to draw as one of 20. The active row follows j/k and the arrow keys.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const OVERSCAN = 6;

export interface VirtualListProps<T> {
  rows: readonly T[];
  rowHeight: number;
  /** Height of the scrolling area in pixels. */
  height: number;
  active: number;
  onActiveChange: (index: number) => void;
  onOpen: (index: number) => void;
  rowKey: (row: T) => string;
  renderRow: (row: T, index: number) => ReactNode;
  label: string;
  idPrefix: string;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { rows, rowHeight, height, active, onActiveChange, onOpen, rowKey, renderRow } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // Keep the active row in view.
  useEffect(() => {
    const element = scroller.current;
    if (!element || active < 0) return;
    const top = active * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height)
      element.scrollTop = top + rowHeight - height;
  }, [active, rowHeight, height]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const visible: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const row = rows[index]!;
    visible.push(
      <div
        key={rowKey(row)}
        id={`${props.idPrefix}-${index}`}
        role="option"
        aria-selected={index === active}
        aria-setsize={rows.length}
        aria-posinset={index + 1}
        className={index === active ? 'row active' : 'row'}
        style={{ top: index * rowHeight, height: rowHeight }}
        onClick={() => {
          onActiveChange(index);
          onOpen(index);
        }}
      >
        {renderRow(row, index)}
      </div>,
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = (to: number) => {
      event.preventDefault();
      onActiveChange(Math.max(0, Math.min(rows.length - 1, to)));
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'PageDown':
        return move(active + Math.floor(height / rowHeight));
      case 'PageUp':
        return move(active - Math.floor(height / rowHeight));
      case 'Home':
        return move(0);
      case 'End':
        return move(rows.length - 1);
      case 'Enter':
        if (active >= 0 && active < rows.length) {
          event.preventDefault();
          onOpen(active);
        }
        return;
      default:
        return;
    }
  };

  return (
    <div
      ref={scroller}
      className="virtual-list"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={
        active >= first && active < last ? `${props.idPrefix}-${active}` : undefined
      }
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" style={{ height: rows.length * rowHeight, position: 'relative' }}>
        {visible}
      </div>
    </div>
  );
}
