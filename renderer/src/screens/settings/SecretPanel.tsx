// The one time a key's secret is shown: after creation or rotation. Copy puts it on the
// clipboard; where the clipboard is refused, the text is selected for Ctrl/⌘+C instead.
import { useEffect, useId, useRef, useState } from 'react';
import type { RevealedSecret } from '../../stores';

type CopyState = 'idle' | 'copied' | 'selected';

export function SecretPanel({ revealed, onDone }: { revealed: RevealedSecret; onDone(): void }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const { key, secret, reason } = revealed;

  // The panel is what the person must act on now: move focus to it, and start over for a new secret.
  useEffect(() => {
    setCopy('idle');
    heading.current?.focus();
  }, [secret]);

  const copySecret = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopy('selected');
    }
  };

  return (
    <section className="secret-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {reason === 'created' ? `Key “${key.name}” created` : `New secret for “${key.name}”`}
      </h3>
      <p>
        <strong>Copy it now: Faxbot cannot show it again.</strong> Paste it into the program that will use it.
        {reason === 'rotated' && ' The old secret has stopped working.'}
      </p>
      <div className="secret-row">
        <label htmlFor={`${id}-secret`} className="visually-hidden">
          Secret for {key.name}
        </label>
        <input
          id={`${id}-secret`}
          ref={field}
          className="secret-value"
          readOnly
          value={secret}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="primary" onClick={() => void copySecret()}>
          Copy
        </button>
      </div>
      <p role="status" className="hint">
        {copy === 'copied' ? 'Copied.' : copy === 'selected' ? 'The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.' : ''}
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
