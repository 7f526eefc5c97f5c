// A labelled input with an optional hint and error, wired for screen readers.
import { useId, type ComponentProps, type Ref } from 'react';

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id' | 'ref'> {
  label: string;
  hint?: string;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** An input with its label above, hint and error below. */
export function TextField({ label, hint, error, ref, className, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--invalid' : '', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <input
        ref={ref}
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        // The input's props are a union by type and role: what is left of them spreads back as one.
        {...(input as ComponentProps<'input'>)}
      />
    </div>
  );
}
